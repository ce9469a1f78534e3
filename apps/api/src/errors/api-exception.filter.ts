import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
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
  INVALID_CURSOR: 400,
  INVALID_INSTANT: 400,
  POLICY_INVALID: 400,
};

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
    const { status, body } = this.toBody(exception);
    if (status >= 500) {
      const err = exception as Error;
      // The class and a bounded message only: stack frames are fine, request data is not.
      this.logger.error({ err: { type: err?.name, message: String(err?.message ?? '').slice(0, 200) } }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  }

  toBody(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof ApiError) return { status: exception.status, body: exception.toBody() };
    const parserError = asBodyParserError(exception);
    if (parserError) return fromBodyParser(parserError);
    if (exception instanceof HttpException) return fromHttpException(exception);
    const code = (exception as { code?: unknown })?.code;
    if (typeof code === 'string' && code in STATUS_BY_LIBRARY_CODE) {
      return { status: STATUS_BY_LIBRARY_CODE[code], body: { code: code === 'WRONG_EXPECTED_VERSION' ? code : 'VALIDATION_FAILED', message: libraryMessage(code, exception) } };
    }
    return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
  }
}

function libraryMessage(code: string, exception: unknown): string {
  switch (code) {
    case 'WRONG_EXPECTED_VERSION':
      return 'the stream changed concurrently; retry the request';
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
  return typeof type === 'string' && (type.startsWith('entity.') || type.endsWith('.unsupported') || type === 'request.aborted' || type === 'request.size.invalid') ? (e as BodyParserError) : undefined;
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
