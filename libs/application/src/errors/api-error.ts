/**
 * The error shape of every API answer that is not a success: `{code, message, errors?}`.
 * Codes are stable (clients switch on them); messages are for people and never quote request content.
 */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'MALFORMED_BODY',
  'QUERY_PARAMETER_REPEATED',
  'SUBJECT_REF_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'WRONG_EXPECTED_VERSION',
  'EVENT_ID_CONFLICT',
  'BATCH_PARTLY_WRITTEN',
  'POLICY_VERSION_EXISTS',
  'PROJECTION_LAGGING',
  'READ_MODEL_LOG_MISMATCH',
  'MIN_POSITION_AHEAD',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_MANY_AUTH_FAILURES',
  'DEMO_KEYS_LOOPBACK_ONLY',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One bad field: the index of the event in its batch (when there is a batch) and its JSON path. */
export interface FieldError {
  index?: number;
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** Response headers that belong to the error, e.g. `Retry-After` of a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const validationFailed = (errors: FieldError[], message = `${errors.length} invalid field(s)`) =>
  new ApiError(400, 'VALIDATION_FAILED', message, errors);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);
