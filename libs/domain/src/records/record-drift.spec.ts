import { regimePolicy } from '../regimes/regime-policy.testing';
import { recordFormOf } from './record-form-of';
import { compareDeclaredObserved, type ObservedAggregate } from './record-drift';

/** Declared vs observed: each line of the record (GDPR Art. 30(1), APPI Art. 74(1)/75, APPI Art. 32(1)) against the log. */
describe('declared vs observed', () => {
  const policy = regimePolicy('GDPR', [
    { id: 'processor', country: 'DE', relation: 'entrustee' },
    { id: 'us-partner', country: 'US' },
  ]);
  const form = recordFormOf(policy);
  const seen = (kind: ObservedAggregate['kind'], id: string, more: Partial<ObservedAggregate> = {}): ObservedAggregate => ({
    kind,
    id,
    declaredWhenObserved: true,
    flows: 2,
    subjects: 1,
    violations: 0,
    firstSeen: '2024-02-01T00:00:00.000Z',
    lastSeen: '2024-03-01T00:00:00.000Z',
    eventIds: ['e1', 'e2'],
    ...more,
  });
  const observed = [
    seen('purpose', 'service'),
    seen('item', 'name'),
    seen('recipient', 'processor'),
    seen('country', 'DE'),
    seen('recipient', 'Unlisted Ad Network', { declaredWhenObserved: false, violations: 2 }),
    seen('purpose', 'profiling', { declaredWhenObserved: false, flows: 3, eventIds: ['a', 'b', 'c'] }),
    seen('purpose', 'research', { declaredWhenObserved: false, party: 'processor', flows: 1, eventIds: ['r'] }),
    seen('recipient', 'old-partner'),
    seen('country', 'BR'),
  ];
  const { lines, transfers } = compareDeclaredObserved(form, policy, observed);
  const status = (kind: string, id: string, party?: string) =>
    lines.find((l) => l.observable?.kind === kind && l.observable.id === id && l.observable.party === party)?.status;

  it('a declared line the log shows is declared+observed with its counts; one it never shows is declared-not-observed', () => {
    expect(status('purpose', 'service')).toBe('declared+observed');
    expect(lines.find((l) => l.observable?.id === 'service')!.observed).toMatchObject({ flows: 2, subjects: 1, eventIds: ['e1', 'e2'] });
    expect(status('purpose', 'research')).toBe('declared-not-observed');
    expect(status('recipient', 'us-partner')).toBe('declared-not-observed');
    expect(status('country', 'US')).toBe('declared-not-observed');
  });

  it('what was undeclared when observed becomes an observed-not-declared line under its kind, a purpose outside a party’s declared ones too', () => {
    const drift = lines.filter((l) => l.status === 'observed-not-declared');
    expect(drift.map((l) => [l.observable!.kind, l.observable!.id, l.observable!.party, l.reason])).toEqual([
      ['purpose', 'profiling', undefined, 'undeclared-when-observed'],
      ['purpose', 'research', 'processor', 'undeclared-when-observed'],
      ['recipient', 'Unlisted Ad Network', undefined, 'undeclared-when-observed'],
      ['recipient', 'old-partner', undefined, 'not-in-this-record'],
      ['country', 'BR', undefined, 'not-in-this-record'],
    ]);
    expect(drift[0]).toMatchObject({ article: 'GDPR Art. 30(1)(b)', observed: { flows: 3, eventIds: ['a', 'b', 'c'] } });
  });

  it('a country the record declares without a line of its own (inside the EEA) is not drift; transfers list every country, restricted ones marked', () => {
    expect(lines.some((l) => l.observable?.id === 'DE')).toBe(false);
    expect(transfers).toEqual([
      { country: 'BR', flows: 2, subjects: 1, restricted: true, declared: false },
      { country: 'DE', flows: 2, subjects: 1, restricted: false, declared: true },
    ]);
  });

  it('lines the log cannot show are not-observable', () => {
    expect(lines.find((l) => l.field === 'securityMeasures')!.status).toBe('not-observable');
  });
});
