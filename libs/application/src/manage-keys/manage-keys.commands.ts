import { Command, Query } from '@nestjs/cqrs';
import type { ApiKeyRecord, Role } from '@ashiato/control';

export type { ApiKeyRecord };

/** A new key: its record, and the key itself, which is shown this once and never kept (only its SHA-256 digest). */
export interface CreatedKey {
  record: ApiKeyRecord;
  key: string;
}

/** Create an API key with one role (and a label saying who or what it is for). */
export class CreateKeyCommand extends Command<CreatedKey> {
  constructor(
    readonly role: Role,
    readonly label?: string,
  ) {
    super();
  }
}

/** Revoke an active key: it stops authenticating at once. A key that is unknown or already revoked is a 404. */
export class RevokeKeyCommand extends Command<void> {
  constructor(readonly id: string) {
    super();
  }
}

/** Every key's id, role, label and dates, revoked ones included; never a key nor its digest. */
export class ListKeysQuery extends Query<ApiKeyRecord[]> {}
