import { z } from 'zod';
import { oneOf, textField } from './fields';

/** The roles an API key can have; what each may call is in apps/api/src/auth/roles.ts and ACCESS.md. */
export const ROLES = ['ingestor', 'dpo', 'breach', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The body of POST /v1/keys. */
export const CreateKeySchema = z
  .strictObject({ role: oneOf(ROLES), label: textField(200).optional().meta({ example: 'DPO office laptop' }) }, { error: 'must be an object' })
  .meta({ id: 'CreateKey' });
export type CreateKeyBody = z.infer<typeof CreateKeySchema>;
