import express, { type ErrorRequestHandler, type Express } from 'express';
import { ApiExceptionFilter } from '../errors/api-exception.filter';

/** Media types read as text: NDJSON event batches and YAML policy documents. */
export const TEXT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];
export const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * JSON and text parsers with the configured size limit (ASHIATO_MAX_BODY). Their errors (too large,
 * not JSON) are answered here with the API's error shape: they happen before any Nest route runs.
 */
export function installBodyParsers(app: Express, limitBytes: number): void {
  app.use(express.json({ limit: limitBytes, type: JSON_TYPES }));
  app.use(express.text({ limit: limitBytes, type: TEXT_TYPES }));
  const filter = new ApiExceptionFilter();
  const onParserError: ErrorRequestHandler = (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, body } = filter.toBody(err);
    res.status(status).json(body);
  };
  app.use(onParserError);
}
