import { ConfigError, parseEnv } from '@ashiato/config';
import { loadConfig } from './app-config';

const HMAC = 'hmac-key-3f9a1c7e5b2d8064a1f3c5e7b9d2f4a6';
const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('the server configuration', () => {
  it('is built from the parsed environment with the documented defaults', () => {
    const config = loadConfig(parseEnv({ ASHIATO_HMAC_KEY: HMAC }));
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      dbPath: './data/ashiato.db',
      controlUrl: 'sqlite:data/ashiato-control.db',
      readModelUrl: 'sqlite:./data/ashiato-read.db',
      authEnabled: true,
      erasureDeadlineDays: 30,
      rebuildOnMismatch: false,
      futureSkewMs: 300_000,
      maxBodyBytes: 10 * 1024 * 1024,
    });
    expect(config.broker).toBeUndefined();
  });

  it('names a missing HMAC key outside demo mode', () => {
    expect(problemsOf(() => loadConfig(parseEnv({})))).toEqual(['ASHIATO_HMAC_KEY is required (or ASHIATO_DEMO=1 for a demo key kept in the data directory)']);
  });

  it('refuses weak secrets by name, never echoing them', () => {
    const problems = problemsOf(() => loadConfig(parseEnv({ ASHIATO_HMAC_KEY: 'hunter2hunter2', ASHIATO_ADMIN_KEY: 'letmein-letmein' })));
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['ASHIATO_HMAC_KEY', 'ASHIATO_ADMIN_KEY']);
    expect(problems.join(' ')).not.toMatch(/hunter2|letmein/);
  });

  it('checks rules between variables: demo mode serves this machine only', () => {
    expect(problemsOf(() => loadConfig(parseEnv({ ASHIATO_HMAC_KEY: HMAC, ASHIATO_DEMO: '1', ASHIATO_HOST: '0.0.0.0' })))).toEqual([
      'ASHIATO_DEMO=1 serves this machine only: ASHIATO_HOST must be a loopback address (127.0.0.1, ::1 or localhost) or unset',
    ]);
  });

  it('lets explicit settings (tests, CLI options) override the environment', () => {
    const config = loadConfig(parseEnv({ ASHIATO_HMAC_KEY: HMAC, PORT: '8080' }), { port: 9090, authEnabled: false });
    expect(config).toMatchObject({ port: 9090, publicUrl: 'http://127.0.0.1:9090', authEnabled: false });
  });
});
