import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSubjectRef } from '@ashiato/domain';
import type { AppConfig } from '@ashiato/server-config';

type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; params?: Record<string, unknown>; originalUrl?: string };

/** Paths of files the dashboard serves; anything else that matched no route is not logged. */
const STATIC_FILE = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:html|js|css|svg|png|ico|woff2?|map|json|txt))?$/;

/**
 * The path to log for a request: the route as declared (`/v1/subjects/:ref/lineage`) with each
 * parameter filled in only when it is a subject ref. A raw identifier or any other value sent in a
 * path (`/v1/subjects/alice@example.com/lineage`) is logged as its parameter name; a path no route
 * matched is logged only when it names a static file. The query string is never logged.
 */
export function loggablePath(req: RoutedRequest): string {
  const template = req.route?.path;
  if (typeof template === 'string' && !template.includes('*')) {
    return template.replace(/:([A-Za-z0-9_]+)/g, (placeholder, name: string) => (isSubjectRef(req.params?.[name]) ? String(req.params?.[name]) : placeholder));
  }
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return STATIC_FILE.test(path) ? path : '[no route]';
}

/**
 * Structured request logs without personal data: method, path (see `loggablePath`), status and
 * timing. Headers, bodies and query strings are never logged; Authorization is redacted should any
 * serializer ever include headers.
 */
export function loggerOptions(config: AppConfig, terminal: boolean = !!process.stdout.isTTY): Params {
  return {
    pinoHttp: {
      // Pretty, one line per entry with local time, when a person watches a terminal; JSON lines otherwise.
      ...(terminal
        ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l o', ignore: 'pid,hostname' } } }
        : {}),
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'request.body', 'body'], censor: '[redacted]' },
      serializers: {
        // The route is known only once the request was routed: the path is added when the response is logged.
        req: (req: { id?: unknown; method?: string }) => ({ id: req.id, method: req.method }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({
        ...value,
        path: loggablePath(req as RoutedRequest),
      }),
      customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => ({
        ...value,
        path: loggablePath(req as RoutedRequest),
      }),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}
