import { parseEnv } from '@ashiato/config';
import { BROKER_DEFAULTS, brokerConfigFrom, safeServers } from './broker-config';

describe('broker settings', () => {
  it('are off without ASHIATO_NATS_URL', () => {
    expect(brokerConfigFrom(parseEnv({}))).toBeUndefined();
  });

  it('take the documented defaults beside the URL', () => {
    expect(brokerConfigFrom(parseEnv({ ASHIATO_NATS_URL: 'nats://127.0.0.1:4222' }))).toEqual({
      kind: 'nats',
      url: 'nats://127.0.0.1:4222',
      ...BROKER_DEFAULTS,
    });
  });

  it('name every bad variable, never its value', () => {
    expect(() => parseEnv({ ASHIATO_NATS_URL: 'http://secret-host', ASHIATO_NATS_SUBJECT: 'a.*' })).toThrow(
      /ASHIATO_NATS_URL must be .*; ASHIATO_NATS_SUBJECT must be /,
    );
    expect(() => parseEnv({ ASHIATO_NATS_URL: 'http://secret-host' })).not.toThrow(/secret-host/);
  });

  it('check the options that override the environment (ashiato consume), naming the variable they stand for', () => {
    const problems: string[] = [];
    brokerConfigFrom(parseEnv({}), { url: 'http://secret-host', subject: 'a.*', batchSize: 0, ackWaitMs: NaN, stream: 'a.b' }, problems);
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'ASHIATO_NATS_ACK_WAIT',
      'ASHIATO_NATS_BATCH',
      'ASHIATO_NATS_STREAM',
      'ASHIATO_NATS_SUBJECT',
      'ASHIATO_NATS_URL',
    ]);
    expect(problems.join(' ')).not.toContain('secret-host');
  });

  it('refuse a dead-letter subject equal to the event subject (dead letters would be consumed again)', () => {
    const problems: string[] = [];
    brokerConfigFrom(
      parseEnv({ ASHIATO_NATS_URL: 'nats://h:4222', ASHIATO_NATS_SUBJECT: 'x.events', ASHIATO_NATS_DEAD_LETTER_SUBJECT: 'x.events' }),
      {},
      problems,
    );
    expect(problems).toEqual(['ASHIATO_NATS_DEAD_LETTER_SUBJECT must differ from ASHIATO_NATS_SUBJECT']);
  });

  it('log servers without credentials', () => {
    expect(safeServers('nats://user:pw@a:4222, nats://b:4222')).toBe('nats://a:4222,nats://b:4222');
  });
});
