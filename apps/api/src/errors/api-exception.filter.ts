import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, type ApiErrorBody } from './api-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'WRONG_EXPECTED_VERSION',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Errors of libraries that carry a stable code of their own, mapped to an HTTP status. */
const STATUS_BY_LIBRARY_CODE: Record<string, number> = {
  WRONG_EXPECTED_VERSION: 409,
  EVENT_ID_CONFLICT: 409,
  INVALID_CURSOR: 400,
  INVALID_INSTANT: 400,
  POLICY_INVALID: 400,
};

/** Library codes answered as they are (the others become VALIDATION_FAILED). */
const OWN_CODES = new Set(['WRONG_EXPECTED_VERSION', 'EVENT_ID_CONFLICT']);

interface BodyParserError {
  type: string;
  status?: number;
}

/**
 * Every error leaves the API as `{code, message, errors?}`. Messages are written here or by our own
 * code, never copied from a parser or a database: those quote request content (JSON.parse shows the
 * text around the error), which may be personal data.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const health = healthCheckFailure(exception);
    const { status, body } = health ? { status: 503, body: health } : isUnauthenticatedApiProbe(exception, req) ? UNAUTHORIZED : this.toBody(exception);
    if (status >= 500 && !health) {
      const err = exception as Error;
      // The class and a bounded message only: stack frames are fine, request data is not.
      this.logger.error({ err: { type: err?.name, message: String(err?.message ?? '').slice(0, 200) } }, 'request failed');
    }
    if (res.headersSent) return;
    if (exception instanceof ApiError && exception.headers) res.set(exception.headers);
    res.status(status).json(body);
  }

  toBody(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof ApiError) return { status: exception.status, body: exception.toBody() };
    const parserError = asBodyParserError(exception);
    if (parserError) return fromBodyParser(parserError);
    if (exception instanceof HttpException) return fromHttpException(exception);
    const code = (exception as { code?: unknown })?.code;
    if (typeof code === 'string' && code in STATUS_BY_LIBRARY_CODE) {
      return {
        status: STATUS_BY_LIBRARY_CODE[code],
        body: { code: OWN_CODES.has(code) ? code : 'VALIDATION_FAILED', message: libraryMessage(code, exception) },
      };
    }
    return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
  }
}

/**
 * `/health` when a part is down (terminus answers 503 with `{status: 'error', info, error, details}`):
 * passed on as it is, so an operator sees which part is down and why. Its indicators write only
 * positions, log ids, hashes and messages of our own (health.controller.ts).
 */
function healthCheckFailure(exception: unknown): Record<string, unknown> | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return undefined;
  const response = exception.getResponse() as Record<string, unknown> | string;
  if (typeof response !== 'object' || response === null || response.status !== 'error' || typeof response.details !== 'object') return undefined;
  return response;
}

const UNAUTHORIZED = { status: 401, body: { code: 'UNAUTHORIZED', message: 'a valid API key is required (Authorization: Bearer <key>)' } };

/**
 * No route matched a path under `/v1` in any spelling (`/V1/keys`, `/v1/keys/`) and no key was sent:
 * 401, as for a real route, so that the answer tells nothing about which spellings exist.
 */
function isUnauthenticatedApiProbe(exception: unknown, req: Request | undefined): boolean {
  if (!req || !(exception instanceof HttpException) || exception.getStatus() !== 404) return false;
  // Nest answers unmatched paths from a catch-all route (`{/*splat}`); a real route has a declared path.
  const matched = (req as Request & { route?: { path?: unknown } }).route?.path;
  if (typeof matched === 'string' && !matched.includes('*')) return false;
  return /^\/v1(\/|$)/i.test(req.path ?? '') && !req.headers?.authorization;
}

function libraryMessage(code: string, exception: unknown): string {
  switch (code) {
    case 'WRONG_EXPECTED_VERSION':
      return 'the stream changed concurrently; retry the request';
    case 'EVENT_ID_CONFLICT':
      return 'an eventId of this batch is already stored with different content; nothing of the batch was stored (a retry must send the same event, a new event needs a new eventId)';
    case 'INVALID_CURSOR':
      return 'cursor is not a cursor this API returned';
    case 'INVALID_INSTANT':
      return 'an instant parameter is not an ISO-8601 date-time';
    default:
      return exception instanceof Error ? exception.message : code;
  }
}

function asBodyParserError(e: unknown): BodyParserError | undefined {
  const type = (e as { type?: unknown })?.type;
  return typeof type === 'string' &&
    (type.startsWith('entity.') || type.endsWith('.unsupported') || type === 'request.aborted' || type === 'request.size.invalid')
    ? (e as BodyParserError)
    : undefined;
}

function fromBodyParser(e: BodyParserError): { status: number; body: ApiErrorBody } {
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'request body exceeds the configured limit (ASHIATO_MAX_BODY)' } };
    case 'entity.parse.failed':
      return { status: 400, body: { code: 'MALFORMED_JSON', message: 'request body is not valid JSON' } };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'unsupported body encoding or charset' } };
    default:
      return { status: e.status && e.status < 500 ? e.status : 400, body: { code: 'VALIDATION_FAILED', message: 'request body could not be read' } };
  }
}

function fromHttpException(e: HttpException): { status: number; body: ApiErrorBody } {
  const status = e.getStatus();
  const response = e.getResponse();
  const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const code = typeof given.code === 'string' ? given.code : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'));
  let message: string;
  if (status === 404 && typeof given.code !== 'string') message = 'no such resource';
  else if (status >= 500) message = 'internal error';
  else message = typeof given.message === 'string' ? given.message : Array.isArray(given.message) ? given.message.join('; ') : e.message;
  const errors = Array.isArray(given.errors) ? (given.errors as ApiErrorBody['errors']) : undefined;
  return { status, body: { code, message, ...(errors ? { errors } : {}) } };
}
