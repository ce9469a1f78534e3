import { chooseProjectionThread, ProjectionThreadError } from './projection-thread';

describe('chooseProjectionThread', () => {
  const files = { dbPath: '/var/lib/ashiato/events.db' };

  it('uses a worker for file and PostgreSQL read models with a file or EventStoreDB event store', () => {
    expect(chooseProjectionThread('auto', 'sqlite:/var/lib/ashiato/read.db', files)).toBe('worker');
    expect(chooseProjectionThread(undefined, 'postgres://db/ashiato?schema=rm', files)).toBe('worker');
    expect(chooseProjectionThread('auto', 'sqlite:./read.db', { eventStoreUrl: 'esdb://localhost:2113?tls=false', dbPath: ':memory:' })).toBe('worker');
  });

  it('stays inline where another thread could not see the data, or when asked to', () => {
    expect(chooseProjectionThread('auto', 'sqlite::memory:', files)).toBe('inline');
    expect(chooseProjectionThread('auto', ':memory:', files)).toBe('inline');
    expect(chooseProjectionThread('auto', 'sqlite:./read.db', { dbPath: ':memory:' })).toBe('inline');
    expect(chooseProjectionThread('auto', 'sqlite:./read.db', undefined)).toBe('inline');
    expect(chooseProjectionThread('inline', 'sqlite:./read.db', files)).toBe('inline');
  });

  it('refuses a forced worker where it cannot work', () => {
    expect(() => chooseProjectionThread('worker', 'sqlite::memory:', files)).toThrow(ProjectionThreadError);
    expect(() => chooseProjectionThread('worker', 'sqlite:./read.db', { dbPath: ':memory:' })).toThrow(
      expect.objectContaining({ code: 'PROJECTION_THREAD_UNAVAILABLE' }),
    );
  });
});
