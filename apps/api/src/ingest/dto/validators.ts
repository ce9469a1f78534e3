import { ValidateBy, type ValidationOptions } from 'class-validator';

/** ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`): a bare local time is ambiguous. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstantWithOffset(value: unknown): boolean {
  return typeof value === 'string' && INSTANT_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: isInstantWithOffset,
        defaultMessage: () => 'must be an ISO-8601 date-time with offset, e.g. 2026-04-01T09:30:00+09:00',
      },
    },
    options,
  );
}

/** Ids of controllers, items, purposes and recipients: ASCII, as in policy documents. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * A list of ids. Checked here (not with `each: true`) so that each bad element gets its own path,
 * `items[2]`, rather than one message for the whole list.
 */
export function IsIdList(options?: ValidationOptions & { allowEmpty?: boolean }): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdList',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && (options?.allowEmpty || value.length > 0) && value.every((v) => typeof v === 'string' && ID_PATTERN.test(v)),
        defaultMessage: () => `must be a ${options?.allowEmpty ? '' : 'non-empty '}list of ids (letters, digits, ".", "_", "-")`,
      },
    },
    options,
  );
}

/** Element-level detail for a failed IsIdList: the paths of the offending elements. */
export function badIdListElements(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => (typeof v === 'string' && ID_PATTERN.test(v) ? [] : [i]));
}

