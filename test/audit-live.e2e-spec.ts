import { LiveProjection } from '@ashiato/projections';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { acquisition } from './support/events';

jest.setTimeout(60_000);

/** The `position` events of `/v1/stats/live`, one at a time. */
async function* livePositions(url: string): AsyncGenerator<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: position$/m.test(block)) continue;
        yield (JSON.parse(/^data: (.*)$/m.exec(block)![1]) as { projectedPosition: number }).projectedPosition;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('live updates and the audit trail', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api.close());

  const projected = () => api.app.get(LiveProjection).projectedPosition();
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise((r) => setTimeout(r, 20));
  };

  it('does not signal a move made only of audit events, so a dashboard’s own reads do not make it read again', async () => {
    const first = await api.post('/v1/events').send([acquisition()]);
    await until(() => projected() >= first.body.lastPosition);
    const { port } = api.app.getHttpServer().address() as { port: number };
    const stream = livePositions(`http://127.0.0.1:${port}/v1/stats/live`);
    expect((await stream.next()).value).toBe(first.body.lastPosition);

    // an audited read: its AccessRecorded event is projected like any other
    expect((await api.get('/v1/flows')).status).toBe(200);
    await until(() => projected() > first.body.lastPosition);
    const afterRead = projected();
    // give the stream several of its 200 ms looks at the moved position before anything else happens
    await new Promise((r) => setTimeout(r, 1_000));

    // a real event: the next signal is this one, the audit-only move before it was not signalled
    const second = await api.post('/v1/events').send([acquisition()]);
    expect(second.body.lastPosition).toBeGreaterThan(afterRead);
    expect((await stream.next()).value).toBe(second.body.lastPosition);
    await stream.return(undefined);
  });
});
