import { z } from 'zod';

/**
 * The building blocks of the public contract's schemas. Each carries the message a client sees when
 * its value is refused; no message quotes the value (it may be personal data).
 */

/** Ids of controllers, items, purposes and recipients: ASCII, as in policy documents. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
export const ID_MESSAGE = 'must be an id (letters, digits, ".", "_", "-")';
export const POLICY_ID_MESSAGE = 'must be a policy id (letters, digits, ".", "_", "-")';

/** ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`): a bare local time is ambiguous. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO-8601 date-time with offset, e.g. 2026-04-01T09:30:00+09:00';

/** A UUID of any version, or the nil and max UUIDs. */
const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export function isInstantWithOffset(value: unknown): boolean {
  return typeof value === 'string' && INSTANT_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

/** A string matching `pattern`; anything else, a non-string included, gets `message`. */
export const matching = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, message);

export const idField = (message = ID_MESSAGE) => matching(ID_PATTERN, message);

export const uuidField = () => matching(UUID, 'must be a UUID').meta({ format: 'uuid' });

export const instantField = () =>
  z
    .string({ error: INSTANT_MESSAGE })
    .regex(INSTANT_WITH_OFFSET, INSTANT_MESSAGE)
    .refine((v) => !Number.isNaN(Date.parse(v)), INSTANT_MESSAGE)
    .meta({ format: 'date-time', example: '2026-04-01T09:30:00+09:00' });

/** Free text of at most `max` characters; `nonEmpty` refuses the empty string. */
export function textField(max: number, nonEmpty = false) {
  const text = z.string({ error: 'must be a string' });
  return (nonEmpty ? text.min(1, 'should not be empty') : text).max(max, `must be shorter than or equal to ${max} characters`);
}

/**
 * A list of ids; each bad element gets its own path (`items[2]`) rather than one message for the
 * whole list.
 */
export function idList(options: { allowEmpty?: boolean } = {}) {
  const message = `must be a ${options.allowEmpty ? '' : 'non-empty '}list of ids (letters, digits, ".", "_", "-")`;
  const list = z.array(idField(), { error: message });
  return options.allowEmpty ? list : list.min(1, message);
}

/** One of `values`, with the message naming them all. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, message = `must be one of the following values: ${values.join(', ')}`) =>
  z.enum(values, { error: message });
