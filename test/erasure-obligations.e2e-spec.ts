import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

const STARFIELD = 'starfield-technologies';

/** The rows of the report's erasure table. */
function erasureTableRows(html: string): string[] {
  const start = html.indexOf('消去と提供先での消去確認');
  const table = html.slice(start, html.indexOf('</table>', start));
  return table.split('<tr>').slice(2);
}

describe('erasure obligations (APPI Art. 35, GDPR Art. 17/19)', () => {
  let api: ApiHarness;
  const ref = testRef();
  const base = { controller: 'jcert', subjectRef: ref };
  const provided = {
    ...base,
    eventId: randomUUID(),
    type: 'DataProvided',
    occurredAt: '2026-02-02T00:00:00Z',
    items: ['email'],
    recipient: STARFIELD,
    purposes: ['certificate-service'],
    basis: 'entrustment',
  };
  const erased = { ...base, eventId: randomUUID(), type: 'DataErased', occurredAt: '2026-03-01T00:00:00Z', items: ['name', 'email'], reason: 'subjectRequest' };
  // The recipient's confirmation names everything the controller erased; it only ever held the e-mail.
  const confirmed = {
    ...base,
    eventId: randomUUID(),
    type: 'DataErased',
    occurredAt: '2026-03-02T00:00:00Z',
    items: ['name', 'email'],
    reason: 'erasureRequestFromController',
    holder: STARFIELD,
  };
  let lastPosition = 0;

  beforeAll(async () => {
    api = await startApi();
    await api
      .put('/v1/policies/jcert')
      .set('Content-Type', 'application/yaml')
      .send(readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8'));
    const res = await api
      .post('/v1/events')
      .send([
        { ...base, eventId: randomUUID(), type: 'DataAcquired', occurredAt: '2026-02-01T00:00:00Z', items: ['name', 'email'], source: { kind: 'subject' } },
        provided,
        erased,
        confirmed,
      ]);
    expect(res.status).toBe(202);
    lastPosition = res.body.lastPosition;
  });
  afterAll(() => api.close());

  it('lists the recipient with only the items it received, closed by its own confirmation', async () => {
    const res = await api.get(`/v1/erasures?subjectRef=${ref}&minPosition=${lastPosition}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        holder: STARFIELD,
        items: ['email'],
        status: 'done',
        eventId: erased.eventId,
        closedEventId: confirmed.eventId,
        closedAt: '2026-03-02T00:00:00.000Z',
      }),
    ]);
  });

  it('shows the confirmation in the recipient’s row of the report, not as a row of its own', async () => {
    const res = await api.get(`/v1/subjects/${ref}/lineage?format=html&minPosition=${lastPosition}`);
    const rows = erasureTableRows(res.text);
    expect(rows).toHaveLength(2);
    const [controllerRow, recipientRow] = rows;
    expect(controllerRow).toContain('<td>jcert</td>');
    expect(recipientRow).toContain(`<td>${STARFIELD}</td>`);
    expect(recipientRow).toContain('<td>email</td>');
    expect(recipientRow).toContain('消去確認済み / Erasure confirmed<br>2026-03-02 09:00 JST');
    expect(recipientRow).toContain(confirmed.eventId);
    expect(rows.join('')).not.toContain('<td>—</td>');
  });
});
