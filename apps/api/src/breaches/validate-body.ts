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
  if (errors.length) throw validationFailed(fieldErrors(errors, '', raw));
  return dto;
}

/** Field names that may appear in an error; any other key (an e-mail sent as a key) is shown as `?`. */
const SAFE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

function fieldErrors(errors: ValidationError[], prefix: string, value: unknown): FieldError[] {
  return errors.flatMap((e) => {
    const unknownKey = 'whitelistValidation' in (e.constraints ?? {});
    // An unknown key is placed by its position, never named: it can be anything a sender typed.
    const key = unknownKey ? '?' : /^\d+$/.test(e.property) || SAFE_KEY.test(e.property) ? e.property : '?';
    const path = prefix ? `${prefix}.${key}` : key;
    const position = typeof value === 'object' && value !== null ? Object.keys(value).indexOf(e.property) + 1 : 0;
    const child = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[e.property] : undefined;
    return [
      ...Object.entries(e.constraints ?? {}).map(([name, message]) => ({
        path,
        message: name === 'whitelistValidation' ? `key number ${position} of this object is not a field of this request` : message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
      })),
      ...fieldErrors(e.children ?? [], path, child),
    ];
  });
}
