import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { formatPath, schemaProblems } from '@ashiato/domain';
import { validationFailed } from '../errors/api-error';

/**
 * Checks query parameters against their contract schema (libs/domain/src/contract/queries.ts) and
 * returns them typed and converted; a 400 VALIDATION_FAILED lists every bad parameter by name.
 * Unknown parameters are refused, placed by position and never named, so that a typo (`?verdit=`) is
 * not silently ignored.
 */
export function validateQuery<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const given = raw ?? {};
  const problems = schemaProblems(schema, given);
  if (problems.length) {
    const errors = problems.map((p) =>
      p.kind === 'unknown'
        ? { path: '?', message: `parameter number ${p.position} of the query is not a parameter of this route` }
        : { path: formatPath(p.segments), message: p.message },
    );
    // One line per distinct problem: a value can fail two checks that give the same reason.
    throw validationFailed(
      errors.filter((e, i) => errors.findIndex((f) => f.path === e.path && f.message === e.message) === i),
      'invalid query parameter(s)',
    );
  }
  return schema.parse(given) as z.output<S>;
}

/** Documents each parameter of a query schema in /docs, from the schema the route checks. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) => {
      const {
        description,
        $schema: _schema,
        ...json
      } = z.toJSONSchema(field as z.ZodType, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      return ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: json,
        ...(typeof description === 'string' ? { description } : {}),
      });
    }),
  );
}
