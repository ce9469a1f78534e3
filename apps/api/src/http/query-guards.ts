import type { Express, RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';

/**
 * Every query parameter of this API takes one value. A repeated one (`?format=json&format=html`)
 * would reach handlers as a list where they expect text; it is refused up front with
 * 400 QUERY_PARAMETER_REPEATED, placing the parameter by position (its name may be anything typed).
 */
export function installQueryGuards(app: Express): void {
  const refuseRepeated: RequestHandler = (req, res, next) => {
    const repeated = Object.entries(req.query ?? {}).flatMap(([, value], i) => (typeof value === 'string' ? [] : [i + 1]));
    if (!repeated.length) return next();
    const error = new ApiError(
      400,
      'QUERY_PARAMETER_REPEATED',
      `${repeated.length} query parameter(s) given more than once; give each at most once`,
      repeated.map((n) => ({ path: '?', message: `parameter number ${n} of the query is given more than once` })),
    );
    res.status(400).json(error.toBody());
  };
  app.use(refuseRepeated);
}
