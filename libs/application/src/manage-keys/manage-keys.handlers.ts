import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEY_STORE, type ApiKeyRecord, type KeyStore } from '@ashiato/control';
import { notFound } from '../errors/api-error';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand, type CreatedKey } from './manage-keys.commands';

@CommandHandler(CreateKeyCommand)
export class CreateKeyHandler implements ICommandHandler<CreateKeyCommand, CreatedKey> {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  execute({ role, label }: CreateKeyCommand): Promise<CreatedKey> {
    return this.keys.create(role, label);
  }
}

@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand, void> {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async execute({ id }: RevokeKeyCommand): Promise<void> {
    if (!(await this.keys.revoke(id))) throw notFound('no active key has this id');
  }
}

@QueryHandler(ListKeysQuery)
export class ListKeysHandler implements IQueryHandler<ListKeysQuery, ApiKeyRecord[]> {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  execute(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }
}
