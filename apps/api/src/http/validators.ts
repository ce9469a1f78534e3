import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstantWithOffset } from '@ashiato/domain';

export { ID_PATTERN } from '@ashiato/domain';

/** ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`), for the query DTOs still on class-validator. */
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
