import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { validationFailed, type FieldError } from '../errors/api-error';

/**
 * Validates a JSON body against a class-validator DTO; a 400 VALIDATION_FAILED names every bad
 * field by its JSON path (`window.from`), never quoting the value (it may be personal data).
 */
export function validateBody<T extends object>(cls: ClassConstructor<T>, raw: unknown): T {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw validationFailed([{ path: '', message: 'body must be a JSON object' }]);
  const dto = plainToInstance(cls, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationFailed(fieldErrors(errors, ''));
  return dto;
}

function fieldErrors(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => ({
      path,
      message: name === 'whitelistValidation' ? 'is not a field of this request' : message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...fieldErrors(e.children ?? [], path)];
  });
}
