import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import request from 'supertest';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { runCli, testPort } from './support/spawn-cli';
import { jcertEvent } from './support/events';

jest.setTimeout(120_000);

interface Changed {
  eventId: string;
  recipient: string | null;
  occurredAt: string;
  recorded: { verdict: string; codes: string[] };
  draft: { verdict: string; codes: string[] };
}

/** POST /v1/policies/{controller}/what-if: recorded flows judged again under a draft, nothing written. */
describe('what-if under a draft policy', () => {
  let api: ApiHarness;
  const policyText = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
  const published = parse(policyText) as { version: string; recipients: { id: string }[] } & Record<string, unknown>;
  const emails = [0, 1, 2, 3].map((i) => `what-if.${i}.${randomUUID().slice(0, 8)}@example.jp`);
  const from = '2026-03-01T00:00:00+09:00';

  const ev = jcertEvent;
  const toContractors = (email: string, at: string) =>
    ev(email, 'DataProvided', at, { items: ['email', 'name'], recipient: 'jcert-contractors', purposes: ['certificate-service'], basis: 'entrustment' });

  const logFingerprint = async () => {
    const health = await request(api.app.getHttpServer()).get('/health').expect(200);
    const versions = await api.get('/v1/policies/jcert/versions').expect(200);
    return createHash('sha256')
      .update(JSON.stringify([health.body.info.eventStore, versions.body]))
      .digest('hex');
  };

  beforeAll(async () => {
    api = await startApi();
    await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(policyText).expect(200);
    const events = emails.flatMap((email) => [
      ev(email, 'DataAcquired', '2026-01-10T10:00:00+09:00', { items: ['email', 'name'], source: { kind: 'subject' }, purposes: ['certificate-service'] }),
      toContractors(email, '2026-02-01T10:00:00+09:00'),
      toContractors(email, '2026-04-01T10:00:00+09:00'),
      ev(email, 'DataUsed', '2026-04-02T10:00:00+09:00', { items: ['email'], purposes: ['application-contact'] }),
    ]);
    // One subject's later provision was already a violation (an item outside the contractors' scope).
    events.push(
      ev(emails[0], 'DataProvided', '2026-04-03T10:00:00+09:00', {
        items: ['login-credentials'],
        recipient: 'jcert-contractors',
        purposes: ['certificate-service'],
        basis: 'entrustment',
      }),
    );
    const res = await api.post('/v1/events').send(events).expect(202);
    await api.get(`/v1/flows?minPosition=${res.body.lastPosition}`).expect(200);
  });
  afterAll(() => api.close());

  it("a draft without a recipient turns exactly that recipient's later provisions into RECIPIENT_UNDECLARED, changes nothing else, and writes nothing", async () => {
    // Read first: a list read is itself audited (appended), a what-if must append nothing.
    const flows = (await api.get('/v1/flows?controller=jcert&limit=1000').expect(200)).body.items as {
      eventId: string;
      type: string;
      recipient: string | null;
      occurredAt: string;
      verdict: string;
    }[];
    const before = await logFingerprint();
    const draft = { ...published, version: 'draft', recipients: published.recipients.filter((r) => r.id !== 'jcert-contractors') };
    const res = await api
      .post(`/v1/policies/jcert/what-if?from=${encodeURIComponent(from)}&limit=1000`)
      .send(draft)
      .expect(200);
    const answer = res.body as {
      flowsJudged: number;
      flowsChanged: number;
      becameViolation: number;
      becameAllowed: number;
      subjectsAffected: number;
      codes: { added: Record<string, number>; removed: Record<string, number> };
      byRecipient: unknown[];
      flows: Changed[];
      truncated: boolean;
    };
    const later = flows.filter((f) => f.occurredAt >= '2026-02-28T15:00:00.000Z');
    const laterToContractors = later.filter((f) => f.recipient === 'jcert-contractors');
    expect(laterToContractors).toHaveLength(5);
    expect(answer.flowsJudged).toBe(later.length);
    expect(answer.flows.map((f) => f.eventId).sort()).toEqual(laterToContractors.map((f) => f.eventId).sort());
    for (const f of answer.flows) {
      expect(f.draft.codes).toContain('RECIPIENT_UNDECLARED');
      expect(f.draft.verdict).toBe('violation');
    }
    expect(answer.codes.added.RECIPIENT_UNDECLARED).toBe(5);
    expect(answer.becameViolation).toBe(4);
    expect(answer.becameAllowed).toBe(0);
    expect(answer.flowsChanged).toBe(5);
    expect(answer.subjectsAffected).toBe(4);
    expect(answer.byRecipient).toEqual([{ recipient: 'jcert-contractors', becameViolation: 4, becameAllowed: 0, codesChanged: 1 }]);
    expect(answer.truncated).toBe(false);
    expect(JSON.stringify(answer)).not.toMatch(/hmac:|@example\.jp/);
    expect(await logFingerprint()).toBe(before);
  });

  it('the published policy as the draft reproduces every recorded verdict', async () => {
    const res = await api.post('/v1/policies/jcert/what-if?from=2000-01-01T00:00:00Z').set('Content-Type', 'application/yaml').send(policyText).expect(200);
    expect(res.body.flowsJudged).toBe(17);
    expect(res.body.flowsChanged).toBe(0);
    expect(res.body.flows).toEqual([]);
  });

  it('lists at most `limit` changed flows while counting all of them', async () => {
    const draft = { ...published, version: 'draft', recipients: published.recipients.filter((r) => r.id !== 'jcert-contractors') };
    const res = await api
      .post(`/v1/policies/jcert/what-if?from=${encodeURIComponent(from)}&limit=2`)
      .send(draft)
      .expect(200);
    expect(res.body.flows).toHaveLength(2);
    expect(res.body.flowsChanged).toBe(5);
    expect(res.body.truncated).toBe(true);
  });

  it('refuses an invalid draft with field errors, another controller, and non-dpo keys', async () => {
    const bad = await api
      .post('/v1/policies/jcert/what-if')
      .send({ ...published, recipients: [{ id: 'x' }] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors[0].path).toMatch(/^recipients\[0\]/);
    const other = await api.post('/v1/policies/nijimo-fujissl/what-if').send(published).expect(400);
    expect(other.body.errors).toEqual([{ path: 'controller', message: 'must equal the controller in the URL' }]);
    for (const role of ['viewer', 'ingestor']) {
      const key = (await api.post('/v1/keys').send({ role }).expect(201)).body.key as string;
      await request(api.app.getHttpServer()).post('/v1/policies/jcert/what-if').set('Authorization', `Bearer ${key}`).send(published).expect(403);
    }
  });

  it('ashiato policy what-if draft.yaml prints what would change, as a table or as JSON', async () => {
    const port = testPort();
    await api.app.listen(port, '127.0.0.1');
    const file = join(api.dir, 'draft.yaml');
    writeFileSync(file, stringify({ ...published, version: 'draft', recipients: published.recipients.filter((r) => r.id !== 'jcert-contractors') }));
    const env = { ASHIATO_URL: `http://127.0.0.1:${port}`, ASHIATO_KEY: TEST_ADMIN_KEY };
    const human = await runCli(['policy', 'what-if', file, '--from', from, '--lang', 'en'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('5 would change (4 become violations, 0 become allowed), 4 subject(s) affected');
    expect(human.stdout).toContain('+ RECIPIENT_UNDECLARED ×5');
    expect(human.stdout).toContain('→ jcert-contractors');
    const json = await runCli(['policy', 'what-if', file, '--from', from, '--json'], env);
    expect(JSON.parse(json.stdout).flowsChanged).toBe(5);
  });
});
