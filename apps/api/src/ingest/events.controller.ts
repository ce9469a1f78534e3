import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { INGESTIBLE_EVENT_TYPES } from '@ashiato/domain';
import type { Request } from 'express';
import { ApiError, validationFailed } from '../errors/api-error';
import { IngestEventsCommand, type IngestResult, parseNdjsonLines, prepareEvents, splitLines, SubjectHasher } from '@ashiato/application';
import { ApiErrorDto, IngestResultDto } from './ingest-result.dto';
import { WithoutReadModel } from '../consistency/read-model-log';
import { contractRef } from '../openapi/contract-schemas';

/** A 400 lists at most this many field errors; the message gives the total. */
export const MAX_REPORTED_ERRORS = 1000;
const eventSchema = { oneOf: INGESTIBLE_EVENT_TYPES.map(contractRef), discriminator: { propertyName: 'type' } };

@ApiBearerAuth()
@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly hasher: SubjectHasher,
  ) {}

  @Post()
  @WithoutReadModel()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ingest a batch of events (atomic and idempotent on eventId over the whole log on SQLite and PostgreSQL; on EventStoreDB the answer names its guarantees)',
    description:
      'Body: NDJSON (`application/x-ndjson`, one event per line), a JSON array, or one JSON object. Every bad field of every event is reported; a batch with any bad event stores nothing. A `subject: {email|phone|externalId}` is replaced by `subjectRef = hmac:<hex>` before storage.',
  })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ schema: { oneOf: [eventSchema, { type: 'array', items: eventSchema }] } })
  @ApiAcceptedResponse({ type: IngestResultDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED (errors: [{index, path, message}]) or MALFORMED_JSON' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'PAYLOAD_TOO_LARGE' })
  async ingest(@Req() req: Request): Promise<IngestResult & { warningCount: number }> {
    const { items, texts } = readItems(req);
    const { events, json, errors } = prepareEvents(items, this.hasher, { texts });
    if (errors.length) {
      const shown = errors.slice(0, MAX_REPORTED_ERRORS);
      const more = errors.length > shown.length ? ` (first ${shown.length} listed)` : '';
      throw validationFailed(shown, `${errors.length} invalid field(s) in ${new Set(errors.map((e) => e.index)).size} event(s)${more}; nothing was stored`);
    }
    return this.commands.execute(new IngestEventsCommand(events, json));
  }
}

/** The items of the body; for NDJSON also the text of each line, so valid events need no second serialisation. */
function readItems(req: Request): { items: unknown[]; texts?: string[] } {
  if (req.is('application/x-ndjson')) {
    if (typeof req.body !== 'string') return { items: [] };
    const { items, texts, malformed } = parseNdjsonLines(splitLines(req.body));
    if (malformed.length)
      throw new ApiError(400, 'MALFORMED_JSON', `${malformed.length} line(s) are not valid JSON; nothing was stored`, malformed.slice(0, MAX_REPORTED_ERRORS));
    return { items, texts };
  }
  if (req.is('application/json')) {
    return { items: Array.isArray(req.body) ? req.body : [req.body] };
  }
  throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/x-ndjson or application/json');
}
