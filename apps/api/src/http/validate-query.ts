import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { validationFailed, type FieldError } from '../errors/api-error';

/**
 * Validates query parameters against a class-validator DTO and returns the typed, converted
 * object; a 400 VALIDATION_FAILED lists every bad parameter by name. Unknown parameters are rejected
 * so that a typo (`?verdit=`) is not silently ignored.
 */
export function validateQuery<T extends object>(cls: ClassConstructor<T>, raw: unknown): T {
  const dto = plainToInstance(cls, raw ?? {}, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationFailed(toFieldErrors(errors, Object.keys((raw ?? {}) as object)), 'invalid query parameter(s)');
  return dto;
}

function toFieldErrors(errors: ValidationError[], given: string[]): FieldError[] {
  return errors.flatMap((e) => {
    const unknown = 'whitelistValidation' in (e.constraints ?? {});
    // A parameter this route does not have is placed by position, never named.
    const path = !unknown && /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(e.property) ? e.property : '?';
    return Object.entries(e.constraints ?? {}).map(([name, message]) => ({
      path,
      message: name === 'whitelistValidation' ? `parameter number ${given.indexOf(e.property) + 1} of the query is not a parameter of this route` : message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
  });
}
