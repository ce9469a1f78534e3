import { Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ProjectionQueries, type PolicyVersionView } from '@ashiato/projections';
import { Roles } from '../auth/roles';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { ApiError, notFound, validationFailed } from '../errors/api-error';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';
import { ApiErrorDto } from '../ingest/ingest-result.dto';
import { ID_PATTERN } from '../http/validators';
import { readPolicyDocument } from './parse-policy-body';
import { PublishPolicyCommand, type PublishResult } from '@ashiato/application';
import { WithoutReadModel } from '../consistency/read-model-log';
import { contractRef } from '../openapi/contract-schemas';
import {
  PolicyAtQuerySchema,
  PolicyReadQuerySchema,
  WhatIfQuerySchema,
  type PolicyVersionAnswer,
  type PolicyVersionList,
  type WhatIfAnswerView,
} from '@ashiato/domain';

class PublishResultDto {
  @ApiProperty() controller: string;
  @ApiProperty() version: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ description: 'Log position; pass as ?minPosition= to read it back.' }) position: number;
  @ApiProperty({ description: 'True when this exact document had already been published.' }) duplicate: boolean;
}

/** Versioned policies: each publication is a PolicyPublished event on `policy-<controller>`. */
@ApiBearerAuth()
@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Put(':controller')
  @WithoutReadModel()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a policy version (JSON or YAML policy document)',
    description:
      'Idempotent: the same document again appends nothing. A different document under an existing version string is refused with 409 POLICY_VERSION_EXISTS.',
  })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    schema: {
      type: 'object',
      description: 'A policy document (DESIGN.md): controller, name, regime, version, effectiveFrom, items, purposes, recipients, retention.',
    },
  })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  async publish(@Param('controller') controller: string, @Req() req: Request): Promise<PublishResult> {
    checkControllerId(controller);
    if (!req.is('application/json') && typeof req.body !== 'string') {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the policy as application/json or application/yaml');
    }
    const policy = readPolicyDocument(req.body, controller);
    return this.commands.execute(new PublishPolicyCommand(policy));
  }

  @Post(':controller/what-if')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOperation({
    summary: 'Re-judge recorded flows under a draft policy (nothing is published or appended)',
    description:
      "Every acquisition, use and provision of this controller that occurred at or after `from` is judged again under the draft, from each subject's recorded history, and compared with the verdict recorded under the policy then in force: flows that would become violations (by code) or allowed, subjects, recipients and purposes affected, with event ids.",
  })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ schema: contractRef('PolicyDocument'), description: 'A draft policy document (same form as PUT).' })
  @ApiOkResponse({ schema: contractRef('WhatIfAnswer') })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiQueryFrom(WhatIfQuerySchema)
  async whatIf(@Param('controller') controller: string, @Query() raw: unknown, @Req() req: Request): Promise<WhatIfAnswerView> {
    checkControllerId(controller);
    const q = validateQuery(WhatIfQuerySchema, raw);
    if (!req.is('application/json') && typeof req.body !== 'string') {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the draft policy as application/json or application/yaml');
    }
    const draft = readPolicyDocument(req.body, controller);
    await this.consistency.await(q.minPosition);
    // No audit record: the answer names no subject (event ids and counts only) and a what-if appends nothing to the log.
    return this.queries.whatIf(draft, { from: q.from ?? draft.effectiveFrom, limit: q.limit ?? 100 });
  }

  @Get()
  @ApiOperation({ summary: 'The newest published version of every controller’s policy' })
  @ApiOkResponse({ schema: contractRef('PolicyVersionList') })
  @ApiQueryFrom(PolicyReadQuerySchema)
  async latest(@Query() raw: unknown): Promise<PolicyVersionList> {
    const q = validateQuery(PolicyReadQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const controllers = await this.queries.listControllers();
    const items: PolicyVersionView[] = [];
    for (const controller of controllers) {
      const history = await this.queries.policyHistory(controller);
      const newest = history.reduce<PolicyVersionView | undefined>((a, b) => (!a || b.position > a.position ? b : a), undefined);
      if (newest) items.push(newest);
    }
    return { items };
  }

  @Get(':controller')
  @ApiOperation({ summary: 'The policy version in force at an instant (default now)' })
  @ApiParam({ name: 'controller', example: 'jcert' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiOkResponse({ schema: contractRef('PolicyVersionView') })
  @ApiQueryFrom(PolicyAtQuerySchema)
  async inForce(@Param('controller') controller: string, @Query() raw: unknown): Promise<PolicyVersionAnswer> {
    checkControllerId(controller);
    const q = validateQuery(PolicyAtQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const view = await this.queries.policyInForce(controller, q.at ?? new Date().toISOString());
    if (!view) throw notFound(`no version of this policy was in force ${q.at ? 'at that instant' : 'now'}`);
    return view;
  }

  @Get(':controller/versions')
  @ApiOperation({ summary: 'Every published version of a controller’s policy, in the order they take effect' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiOkResponse({ schema: contractRef('PolicyVersionList') })
  @ApiQueryFrom(PolicyReadQuerySchema)
  async versions(@Param('controller') controller: string, @Query() raw: unknown): Promise<PolicyVersionList> {
    checkControllerId(controller);
    const q = validateQuery(PolicyReadQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const items = await this.queries.policyHistory(controller);
    if (!items.length) throw notFound('this policy has never been published');
    return { items };
  }
}

function checkControllerId(controller: string): void {
  if (!ID_PATTERN.test(controller))
    throw validationFailed([{ path: 'controller', message: 'must be a policy id (letters, digits, ".", "_", "-")' }], 'invalid controller id');
}
