import { z } from 'zod';
import { VIOLATION_CODES } from '../flows/violations';
import { idField, instantField, oneOf } from './fields';

/**
 * The query parameters of the read routes, as /docs shows them and the API checks them. A parameter
 * arrives as text; integers are converted after their check. Every schema is strict: a parameter the
 * route does not have (a typo such as `?verdit=`) is refused rather than ignored.
 */
const integer = (min: number, max?: number) =>
  z
    .string({ error: 'must be an integer number' })
    .regex(/^\d{1,15}$/, 'must be an integer number')
    .transform(Number)
    .pipe(
      max === undefined
        ? z.number().min(min, `must not be less than ${min}`)
        : z.number().min(min, `must not be less than ${min}`).max(max, `must not be greater than ${max}`),
    );
const instant = (description: string) => instantField().optional().meta({ description });
const id = (description?: string) =>
  idField()
    .optional()
    .meta(description ? { description } : {});
const listed = <const T extends readonly string[]>(values: T) =>
  oneOf(values as unknown as readonly [T[number], ...T[number][]], `must be one of the following values: ${values.join(', ')}`);

export const minPositionParam = () =>
  integer(0).optional().meta({ description: 'Wait until the read models include this log position (lastPosition of a write).' });
const page = {
  limit: integer(1, 1000).optional().meta({ description: 'At most this many items (1 to 1000; default 50).' }),
  cursor: z
    .string({ error: 'must be a string' })
    .max(200, 'must be shorter than or equal to 200 characters')
    .optional()
    .meta({ description: 'Opaque cursor from the previous page (nextCursor).' }),
  minPosition: minPositionParam(),
};
const query = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape);

export const FlowsQuerySchema = query({
  ...page,
  verdict: listed(['allowed', 'violation'] as const).optional(),
  code: listed(VIOLATION_CODES).optional(),
  controller: id(),
  from: instant('occurredAt ≥ from (ISO-8601 with offset)'),
  to: instant('occurredAt ≤ to (ISO-8601 with offset)'),
});
export const ViolationsQuerySchema = query({
  ...page,
  code: listed(VIOLATION_CODES).optional(),
  controller: id(),
  from: instant('occurredAt ≥ from (ISO-8601 with offset)'),
  to: instant('occurredAt ≤ to (ISO-8601 with offset)'),
});
export const HoldingsQuerySchema = query({
  ...page,
  holder: id(),
  item: id(),
  controller: id(),
  asOf: instant('The instant (ISO-8601 with offset); default now.'),
});
export const StatsQuerySchema = query({ minPosition: minPositionParam() });

export const PolicyReadQuerySchema = query({ minPosition: minPositionParam() });
export const PolicyAtQuerySchema = query({ minPosition: minPositionParam(), at: instant('Instant (ISO-8601 with offset); default now.') });
export const WhatIfQuerySchema = query({
  minPosition: minPositionParam(),
  from: instant("Judge flows that occurred at or after this instant (ISO-8601 with offset); default the draft's effectiveFrom."),
  limit: integer(0, 1000).optional().meta({ description: 'How many changed flows to list (0 to 1000; default 100); the counts cover all.' }),
});

export const RecordOfProcessingQuerySchema = query({
  from: instant('Start of the period the log is compared over (ISO-8601 with offset); default: the whole history'),
  to: instant('End of the period, and the instant whose policy version the record is built from (ISO-8601 with offset); default: now'),
  format: listed(['json', 'csv'] as const)
    .optional()
    .meta({ description: 'json (default) or csv: one row per record line with a status column' }),
  minPosition: minPositionParam(),
});

export const EXPORT_ACTIONS = ['acquisition', 'use', 'provision', 'erasure'] as const;
const ACTION_LIST = new RegExp(`^(${EXPORT_ACTIONS.join('|')})(,(${EXPORT_ACTIONS.join('|')}))*$`);
export const OpenLineageQuerySchema = query({
  from: instant('occurredAt ≥ from (ISO-8601 with offset)'),
  to: instant('occurredAt ≤ to (ISO-8601 with offset)'),
  controller: id('One controller only'),
  actions: z
    .string({ error: `must be a comma-separated list of ${EXPORT_ACTIONS.join(', ')}` })
    .regex(ACTION_LIST, `must be a comma-separated list of ${EXPORT_ACTIONS.join(', ')}`)
    .optional()
    .meta({ description: 'Comma-separated actions to export; default `provision`', example: 'provision,erasure' }),
  includeSubjects: listed(['true', 'false'] as const)
    .optional()
    .meta({ description: "Add each run's subject refs (keyed HMACs) to its facet; default false" }),
  minPosition: minPositionParam(),
});
