import { randomUUID } from 'node:crypto';
import type { AnnotatedLine } from '@ashiato/domain';
import { generateDemoHistory } from '../apps/cli/src/demo/generate-history';
import { loadSeedPolicies } from '../apps/cli/src/demo/load-seed-policies';
import { startApi, type ApiHarness } from './support/api-harness';
import { parseCsv } from './support/parse-csv';

jest.setTimeout(240_000);

interface FlowView {
  eventId: string;
  subjectRef: string;
  recipient: string | null;
  purposes: string[];
  codes: string[];
}

interface Record {
  regime: string;
  title: string;
  policyVersion: string;
  lines: AnnotatedLine[];
  transfers: { country: string; flows: number; subjects: number; restricted: boolean; declared: boolean }[];
}

const drift = (r: Record, kind: string) => r.lines.filter((l) => l.status === 'observed-not-declared' && l.observable?.kind === kind);

describe('record of processing: declared vs observed', () => {
  let api: ApiHarness;
  let last = 0;

  async function ingest(events: unknown[]): Promise<void> {
    for (let i = 0; i < events.length; i += 2_000) {
      const res = await api
        .post('/v1/events')
        .send(events.slice(i, i + 2_000))
        .expect(202);
      last = res.body.lastPosition;
    }
  }

  async function flowsWithCode(controller: string, code: string): Promise<FlowView[]> {
    const out: FlowView[] = [];
    let cursor: string | undefined;
    do {
      const res = await api
        .get(`/v1/flows?controller=${controller}&code=${code}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}&minPosition=${last}`)
        .expect(200);
      out.push(...(res.body.items as FlowView[]));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  const record = async (controller: string, query = ''): Promise<Record> =>
    (await api.get(`/v1/controllers/${controller}/record-of-processing?minPosition=${last}${query}`).expect(200)).body as Record;

  beforeAll(async () => {
    api = await startApi();
    const policies = loadSeedPolicies();
    for (const p of policies)
      await api
        .put(`/v1/policies/${p.controller}`)
        .send(p)
        .expect((r) => expect([200, 201]).toContain(r.status));
    await ingest([...generateDemoHistory(policies, { subjects: 1_200, until: new Date('2026-09-30T00:00:00Z') })]);
  });

  afterAll(() => api.close());

  it.each(['cyberlinks-mynatrust', 'jcert', 'gbizconnect', 'nijimo-fujissl', 'digital-agency-mykey'])(
    '%s: the observed-but-not-declared recipients and purposes are exactly the demo flows recorded as RECIPIENT_UNDECLARED and PURPOSE_UNDECLARED (same ids, flows and subjects)',
    async (controller) => {
      const r = await record(controller);
      for (const [kind, code] of [
        ['recipient', 'RECIPIENT_UNDECLARED'],
        ['purpose', 'PURPOSE_UNDECLARED'],
      ] as const) {
        const flows = await flowsWithCode(controller, code);
        const lines = drift(r, kind);
        expect(flows.length).toBeGreaterThan(0);
        // Each line lists up to 20 event ids: the demo is sized so that every line lists all of its flows.
        for (const l of lines) expect(l.observed!.eventIds).toHaveLength(l.observed!.flows);
        expect(lines.flatMap((l) => l.observed!.eventIds).sort()).toEqual(flows.map((f) => f.eventId).sort());
        expect(lines.reduce((n, l) => n + l.observed!.flows, 0)).toBe(flows.length);
        for (const l of lines) {
          expect(l.reason).toBe('undeclared-when-observed');
          const own = flows.filter((f) => l.observed!.eventIds.includes(f.eventId));
          expect(l.observed!.subjects).toBe(new Set(own.map((f) => f.subjectRef)).size);
          expect(l.observed!.violations).toBe(own.length);
        }
      }
      expect(drift(r, 'recipient').map((l) => l.observable!.id)).toEqual(['Unlisted Ad Network KK']);
    },
  );

  it('the APPI public body gets its personal information file register; JCERT its register without statutory form, Starfield (US) declared and observed', async () => {
    const gbiz = await record('gbizconnect');
    expect(gbiz.title).toContain('個人情報ファイル簿');
    expect(gbiz.lines.find((l) => l.field === 'fileName')).toMatchObject({ article: 'APPI Art. 74(1)(i)', status: 'not-observable' });
    const jcert = await record('jcert');
    expect(jcert.title).toContain('without statutory form');
    expect(jcert.lines.find((l) => l.observable?.kind === 'recipient' && l.observable.id === 'starfield-technologies')!.status).toBe('declared+observed');
    expect(jcert.lines.find((l) => l.field === 'foreignThirdParties' && l.observable?.id === 'US')!.status).toBe('declared+observed');
    expect(jcert.transfers.find((t) => t.country === 'US')).toMatchObject({ declared: true });
  });

  it('a period before any flow: every observable declared line is declared-not-observed, nothing drifts', async () => {
    const r = await record('jcert', '&from=2019-01-01T00:00:00Z&to=2019-01-02T00:00:00Z');
    const observable = r.lines.filter((l) => l.observable);
    expect(observable.length).toBeGreaterThan(0);
    expect(new Set(observable.map((l) => l.status))).toEqual(new Set(['declared-not-observed']));
  });

  describe('a GDPR controller', () => {
    const policy = {
      controller: 'eu-bookshop',
      name: 'EU Bookshop GmbH',
      regime: 'GDPR',
      version: '1',
      effectiveFrom: '2025-01-01T00:00:00+01:00',
      address: 'Beispielstraße 1, 10115 Berlin',
      items: [
        { id: 'email', label: 'E-mail', category: 'user.contact.email', sensitive: false },
        { id: 'name', label: 'Name', category: 'user.name', sensitive: false },
      ],
      purposes: [
        { id: 'orders', label: 'Order fulfilment', items: ['email', 'name'] },
        { id: 'newsletter', label: 'Newsletter', items: ['email'], requiresConsent: true },
      ],
      recipients: [
        { id: 'parcel-de', name: 'Paket GmbH', country: 'DE', relation: 'entrustee', purposes: ['orders'], items: ['email', 'name'] },
        { id: 'mailer-us', name: 'Mailer Inc.', country: 'US', relation: 'entrustee', purposes: ['newsletter'], items: ['email'] },
      ],
      retention: [{ items: ['email', 'name'], rule: 'P2Y' }],
    };
    const subject = (n: number) => ({ email: `gdpr.${n}.${randomUUID().slice(0, 8)}@example.de` });
    const base = (n: number, at: string) => ({ eventId: randomUUID(), occurredAt: at, controller: 'eu-bookshop', subject: subject(n) });

    beforeAll(async () => {
      await api
        .put('/v1/policies/eu-bookshop')
        .send(policy)
        .expect((r) => expect([200, 201]).toContain(r.status));
      const subjects = [1, 2, 3].map((n) => subject(n));
      const ev = (n: number, at: string) => ({ ...base(n, at), subject: subjects[n - 1] });
      await ingest([
        ...[1, 2, 3].map((n) => ({
          ...ev(n, '2025-03-01T10:00:00+01:00'),
          type: 'DataAcquired',
          items: ['email', 'name'],
          source: { kind: 'subject' },
          purposes: ['orders'],
        })),
        ...[1, 2].map((n) => ({
          ...ev(n, '2025-03-02T10:00:00+01:00'),
          type: 'DataProvided',
          items: ['email'],
          recipient: 'mailer-us',
          purposes: ['newsletter'],
        })),
        { ...ev(3, '2025-03-03T10:00:00+01:00'), type: 'DataProvided', items: ['email'], recipient: 'Tracking Pixel Ltd', purposes: ['orders'] },
        { ...ev(3, '2025-03-04T10:00:00+01:00'), type: 'DataUsed', items: ['email'], purposes: ['ad-targeting'] },
      ]);
    });

    it('builds Art. 30(1) (a)-(g): the US transfer under (e) with no safeguard declared, observed; DE inside the EEA gets no (e) line; what the policy lacks says so', async () => {
      const r = await record('eu-bookshop', '&from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z');
      expect(r).toMatchObject({ regime: 'GDPR', policyVersion: '1' });
      const e = r.lines.filter((l) => l.article === 'GDPR Art. 30(1)(e)');
      expect(e.map((l) => [l.observable!.id, l.status])).toEqual([['US', 'declared+observed']]);
      expect(e[0].value).toContain('Art. 49');
      expect(r.lines.find((l) => l.field === 'securityMeasures')!.value).toBe('not recorded in the policy');
      expect(r.lines.find((l) => l.observable?.id === 'parcel-de')!.status).toBe('declared-not-observed');
      expect(r.lines.find((l) => l.observable?.id === 'mailer-us')!.observed).toMatchObject({ flows: 2, subjects: 2 });
      expect(r.transfers).toEqual([{ country: 'US', flows: 2, subjects: 2, restricted: true, declared: true }]);
      expect(drift(r, 'recipient').map((l) => [l.observable!.id, l.observed!.flows, l.article])).toEqual([['Tracking Pixel Ltd', 1, 'GDPR Art. 30(1)(d)']]);
      expect(drift(r, 'purpose').map((l) => [l.observable!.id, l.observed!.flows, l.article])).toEqual([['ad-targeting', 1, 'GDPR Art. 30(1)(b)']]);
    });

    it('answers CSV: one row per record line with its status', async () => {
      const res = await api.get(`/v1/controllers/eu-bookshop/record-of-processing?format=csv&minPosition=${last}`).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const rows = parseCsv(res.text);
      const json = await record('eu-bookshop');
      expect(rows).toHaveLength(json.lines.length);
      expect(rows.find((r) => r.id === 'Tracking Pixel Ltd')).toMatchObject({ status: 'observed-not-declared', kind: 'recipient', flows: '1' });
      expect(rows.find((r) => r.field === 'securityMeasures')).toMatchObject({ status: 'not-observable', value: 'not recorded in the policy' });
    });
  });

  it('a flow judged before a back-dated version declared its recipient stays observed-not-declared, as its verdict does', async () => {
    const v1 = {
      controller: 'backdated-shop',
      name: 'Backdated Shop',
      regime: 'APPI',
      version: '1',
      effectiveFrom: '2025-01-01T00:00:00+09:00',
      items: [{ id: 'email', label: 'E-mail', category: 'user.contact.email', sensitive: false }],
      purposes: [{ id: 'orders', label: 'Orders', items: ['email'] }],
      recipients: [] as object[],
      retention: [],
    };
    await api
      .put('/v1/policies/backdated-shop')
      .send(v1)
      .expect((r) => expect([200, 201]).toContain(r.status));
    const email = { email: `backdated.${randomUUID().slice(0, 8)}@example.jp` };
    const base = (at: string) => ({ eventId: randomUUID(), occurredAt: at, controller: 'backdated-shop', subject: email });
    await ingest([
      { ...base('2025-02-01T10:00:00+09:00'), type: 'DataAcquired', items: ['email'], source: { kind: 'subject' }, purposes: ['orders'] },
      { ...base('2025-02-02T10:00:00+09:00'), type: 'DataProvided', items: ['email'], recipient: 'courier', purposes: ['orders'], basis: 'entrustment' },
    ]);
    const courier = { id: 'courier', name: 'Courier KK', country: 'JP', relation: 'entrustee', purposes: ['orders'], items: ['email'] };
    const v2 = { ...v1, version: '2', effectiveFrom: '2025-01-15T00:00:00+09:00', recipients: [courier] };
    const published = await api
      .put('/v1/policies/backdated-shop')
      .send(v2)
      .expect((r) => expect([200, 201]).toContain(r.status));
    last = Math.max(last, published.body.position as number);
    const flagged = await flowsWithCode('backdated-shop', 'RECIPIENT_UNDECLARED');
    expect(flagged).toHaveLength(1);
    const r = await record('backdated-shop');
    expect(r.policyVersion).toBe('2');
    expect(r.lines.find((l) => l.status !== 'observed-not-declared' && l.observable?.id === 'courier')!.status).toBe('declared-not-observed');
    expect(drift(r, 'recipient').map((l) => [l.observable!.id, l.reason, l.observed!.eventIds])).toEqual([
      ['courier', 'undeclared-when-observed', [flagged[0].eventId]],
    ]);
  });

  it('refuses a period ending before it starts (400) and answers 404 for a controller without a policy', async () => {
    const bad = await api.get('/v1/controllers/jcert/record-of-processing?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await api.get('/v1/controllers/nobody-here/record-of-processing').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await api.get('/v1/controllers/jcert/record-of-processing?format=xml').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('records the read in the audit trail', async () => {
    await record('jcert');
    const audit = await api.get('/v1/audit?limit=1000').expect(200);
    expect(JSON.stringify(audit.body)).toContain('recordOfProcessing.read');
  });
});
