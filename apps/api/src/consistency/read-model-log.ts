import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LiveProjection, logMismatchMessage } from '@ashiato/projections';
import { throwError, type Observable } from 'rxjs';
import { ApiError } from '../errors/api-error';

const WITHOUT_READ_MODEL_KEY = 'ashiato:withoutReadModel';

/**
 * Marks a route that answers without the read model (appends to the log, API keys, health): it keeps
 * working while the read model belongs to another log. Every other route is refused then.
 */
export const WithoutReadModel = () => SetMetadata(WITHOUT_READ_MODEL_KEY, true);

/**
 * While the read model was built from another log than the server's (LiveProjection.logMismatch),
 * every route that reads it answers 503 READ_MODEL_LOG_MISMATCH naming both log ids and the remedy,
 * so no answer of the other log is served. Runs after the key guard: a caller without a key still
 * gets 401.
 */
@Injectable()
export class ReadModelLogInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: LiveProjection,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mismatch = context.getType() === 'http' ? this.runner.logMismatch() : undefined;
    if (mismatch && !this.reflector.getAllAndOverride<boolean>(WITHOUT_READ_MODEL_KEY, [context.getHandler(), context.getClass()])) {
      return throwError(() => new ApiError(503, 'READ_MODEL_LOG_MISMATCH', logMismatchMessage(mismatch)));
    }
    return next.handle();
  }
}
