import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { ControlModule, KEY_STORE, type KeyStore } from '@ashiato/control';
import { ApplicationModule } from '../application.module';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand } from './manage-keys.commands';

describe('managing API keys', () => {
  let context: INestApplicationContext;
  let commands: CommandBus;
  let queries: QueryBus;
  let keys: KeyStore;

  beforeEach(async () => {
    // Only the control database: no event log is opened to manage keys.
    context = await NestFactory.createApplicationContext(
      {
        module: class KeysOnly {},
        imports: [CqrsModule.forRoot(), ControlModule.forRoot('sqlite::memory:'), ApplicationModule.forRoot({ futureSkewMs: 0 }, { log: false, keys: true })],
      },
      { logger: false },
    );
    [commands, queries, keys] = [context.get(CommandBus), context.get(QueryBus), context.get<KeyStore>(KEY_STORE)];
  });
  afterEach(() => context.close());

  it('creates a key of the role asked for, which then authenticates as that role', async () => {
    const { record, key } = await commands.execute(new CreateKeyCommand('dpo', 'privacy office'));
    expect(key).toMatch(/^ashiato_dpo_/);
    expect(record).toMatchObject({ role: 'dpo', label: 'privacy office' });
    expect(await keys.findByKey(key)).toMatchObject({ id: record.id, role: 'dpo' });
  });

  it('lists ids, roles, labels and dates, never a key nor its digest', async () => {
    const created = [await commands.execute(new CreateKeyCommand('viewer')), await commands.execute(new CreateKeyCommand('admin', 'ops'))];
    const list = await queries.execute(new ListKeysQuery());
    expect(list.map((k) => `${k.role} ${k.label ?? '-'}`).sort()).toEqual(['admin ops', 'viewer -']);
    const shown = JSON.stringify(list);
    for (const { key } of created) expect(shown).not.toContain(key);
    expect(shown).not.toMatch(/[0-9a-f]{64}/);
  });

  it('revokes a key: it no longer authenticates, and the list shows it revoked', async () => {
    const { record, key } = await commands.execute(new CreateKeyCommand('ingestor'));
    await commands.execute(new RevokeKeyCommand(record.id));
    expect(await keys.findByKey(key)).toBeUndefined();
    expect((await queries.execute(new ListKeysQuery()))[0]).toMatchObject({ id: record.id, revokedAt: expect.any(String) });
  });

  it('answers NOT_FOUND for a key that does not exist or is already revoked', async () => {
    await expect(commands.execute(new RevokeKeyCommand('key_000000000000'))).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const { record } = await commands.execute(new CreateKeyCommand('breach'));
    await commands.execute(new RevokeKeyCommand(record.id));
    await expect(commands.execute(new RevokeKeyCommand(record.id))).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
