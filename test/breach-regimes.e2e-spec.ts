import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

/**
 * Breach duties are asked of each controller's own regime: a public body reports from 101 persons
 * (APPI Rules Art. 43(iv)), a GDPR controller answers the 72-hour clock of Art. 33(1) with an Art. 33(3)
 * draft and never an APPI situation.
 */
const GDPR_POLICY = {
  controller: 'test-eu-shop',
  name: 'EU Shop GmbH (test policy, not from a seed)',
  regime: 'GDPR',
  version: '1',
  effectiveFrom: '2026-01-01T00:00:00Z',
  items: [
    { id: 'eu-email', label: 'E-mail', category: 'user.contact.email', sensitive: false },
    { id: 'eu-health', label: 'Health data', category: 'user.health_and_medical', sensitive: true },
  ],
  purposes: [{ id: 'orders', label: 'Orders', items: ['eu-email', 'eu-health'] }],
  recipients: [],
  retention: [],
};

describe('breach rules per regime', () => {
  let api: ApiHarness;
  let position = 0;
  const acquired = (controller: string, items: string[], at: string) => ({
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: at,
    controller,
    subjectRef: testRef(),
    items,
    source: { kind: 'subject' },
  });

  beforeAll(async () => {
    api = await startApi();
    const gbiz = readFileSync(join(__dirname, '..', 'policies', 'gbizconnect.yaml'), 'utf8');
    expect((await api.put('/v1/policies/gbizconnect').set('Content-Type', 'application/yaml').send(gbiz)).status).toBe(200);
    expect((await api.put(`/v1/policies/${GDPR_POLICY.controller}`).send(GDPR_POLICY)).status).toBe(200);
    const events = [
      ...Array.from({ length: 101 }, () => acquired('gbizconnect', ['account-email'], '2026-02-01T10:00:00+09:00')),
      ...Array.from({ length: 100 }, () => acquired('gbizconnect', ['system-email'], '2026-02-01T10:00:00+09:00')),
      ...Array.from({ length: 1500 }, () => acquired(GDPR_POLICY.controller, ['eu-email', 'eu-health'], '2026-02-01T10:00:00Z')),
    ];
    const res = await api.post('/v1/events').send(events);
    expect(res.status).toBe(202);
    position = res.body.lastPosition;
  });
  afterAll(() => api.close());

  async function declare(body: Record<string, unknown>) {
    const declared = await api.post('/v1/breaches').send({
      window: { from: '2026-03-01T00:00:00+09:00', to: '2026-03-31T00:00:00+09:00' },
      discoveredAt: '2026-04-02T09:00:00+09:00',
      cause: 'misdelivery',
      ...body,
    });
    expect(declared.status).toBe(201);
    const res = await api.get(`/v1/breaches/${declared.body.breachId}?minPosition=${Math.max(position, declared.body.lastPosition)}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('a public body leaking 101 persons must report (Rules Art. 43(iv)); 100 persons need not', async () => {
    const over = await declare({ holder: 'gbizconnect', items: ['account-email'], title: 'Account e-mails sent to the wrong list' });
    expect(over.affected.subjects).toBe(101);
    expect(over.regimes).toEqual(['APPI-public']);
    expect(over.reportability.reportable).toBe(true);
    expect(over.reportability.triggers).toEqual([expect.objectContaining({ trigger: 'overHundredPersons', article: 'APPI Enforcement Rules Art. 43(iv)' })]);
    expect(over.clocks.map((c: { kind: string; regime: string }) => `${c.regime}:${c.kind}`)).toEqual([
      'APPI-public:appi-preliminary',
      'APPI-public:appi-final',
      'APPI-public:subject-notification',
    ]);
    expect(over.draftReport.article).toBe('APPI Art. 68(1); Enforcement Rules Art. 44');

    const at = await declare({ holder: 'gbizconnect', items: ['system-email'] });
    expect(at.affected.subjects).toBe(100);
    expect(at.reportability.reportable).toBe(false);
    expect(at.clocks).toEqual([]);
  });

  it('a GDPR breach answers the 72-hour clock and an Art. 33(3) draft, never an APPI situation, even for 1,500 persons with special-category data', async () => {
    const b = await declare({
      holder: GDPR_POLICY.controller,
      items: ['eu-email', 'eu-health'],
      cause: 'unauthorizedAccess',
      riskAssessment: { level: 'high', assessedBy: 'DPO' },
    });
    expect(b.affected.subjects).toBe(1500);
    expect(b.regimes).toEqual(['GDPR']);
    expect(b.reportability.reportable).toBe(true);
    expect(b.reportability.triggers.map((t: { article: string }) => t.article)).toEqual(['GDPR Art. 33(1)', 'GDPR Art. 34(1)']);
    expect(JSON.stringify(b.reportability)).not.toContain('APPI');
    expect(b.clocks).toEqual([
      expect.objectContaining({ kind: 'gdpr-authority', regime: 'GDPR', timeZone: 'UTC', dueAt: '2026-04-05T00:00:00.000Z', status: 'open' }),
      expect.objectContaining({ kind: 'subject-notification', regime: 'GDPR' }),
    ]);
    expect(b.draftReport.article).toBe('GDPR Art. 33(3)');
    expect(b.draftReport.fields.map((f: { key: string }) => f.key)).toEqual(['nature', 'contact', 'consequences', 'measures', 'riskAssessment']);

    const html = await api.get(`/v1/breaches/${b.breachId}/report?format=html`);
    expect(html.text).toContain('Art. 33(3)(a)');
    expect(html.text).not.toContain('Rules Art. 7');
  });

  it('a GDPR breach without a risk assessment is "undetermined" with the 72-hour clock running provisionally', async () => {
    const b = await declare({ holder: GDPR_POLICY.controller, items: ['eu-email'] });
    expect(b.reportability.reportable).toBe('undetermined');
    expect(b.clocks[0]).toMatchObject({ kind: 'gdpr-authority', provisional: true });
  });
});
