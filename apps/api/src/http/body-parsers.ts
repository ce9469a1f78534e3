import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { documentProblem } from '@ashiato/domain';
import { ApiError } from '../errors/api-error';
import { ApiExceptionFilter } from '../errors/api-exception.filter';

/** Media types read as text: NDJSON event batches and YAML policy documents. */
export const TEXT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];
export const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * JSON and text parsers with the configured size limit (ASHIATO_MAX_BODY). Their errors (too large,
 * not JSON, a `Content-Encoding: gzip` body that is not gzip) are answered here with the API's
 * error shape: they happen before any Nest route runs. A JSON body nested deeper than
 * MAX_NESTING_DEPTH, or holding text no database can store (NUL, unpaired surrogates), is refused
 * before any validator walks it.
 */
export function installBodyParsers(app: Express, limitBytes: number): void {
  app.use(express.json({ limit: limitBytes, type: JSON_TYPES }));
  app.use(express.text({ limit: limitBytes, type: TEXT_TYPES }));
  const filter = new ApiExceptionFilter();
  const onParserError: ErrorRequestHandler = (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, body } = filter.toBody(err);
    // Whatever else a parser fails on (a broken gzip or deflate stream, a truncated body) is the body's fault.
    if (status >= 500)
      return void res.status(400).json(new ApiError(400, 'MALFORMED_BODY', 'request body could not be decoded (check Content-Encoding)').toBody());
    res.status(status).json(body);
  };
  app.use(onParserError);
  const refuseDeepBodies: RequestHandler = (req, res, next) => {
    const why =
      typeof req.body === 'object' && req.body !== null
        ? documentProblem(req.body)
        : typeof req.body === 'string' && req.body.includes('\u0000')
          ? 'holds a NUL character'
          : undefined;
    if (why) return void res.status(400).json(new ApiError(400, 'MALFORMED_BODY', `request body ${why}`).toBody());
    next();
  };
  app.use(refuseDeepBodies);
}
