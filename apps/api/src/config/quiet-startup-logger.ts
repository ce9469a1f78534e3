import type { LoggerService } from '@nestjs/common';

/** Nest's start-up chatter: one line per module and per route mapped. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * Passes every log line to the structured logger except Nest's start-up lines at info level (about
 * 60 "Mapped {/v1/…}" lines), which show only with LOG_LEVEL=debug or trace.
 */
export class QuietStartupLogger implements LoggerService {
  private readonly showStartup: boolean;

  constructor(
    private readonly inner: LoggerService,
    level: string,
  ) {
    this.showStartup = level === 'debug' || level === 'trace';
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (!this.showStartup && typeof context === 'string' && STARTUP_CONTEXTS.has(context)) return;
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose?(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
}
