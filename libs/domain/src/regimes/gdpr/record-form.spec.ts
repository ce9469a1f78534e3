import { recordFormOf } from '../../records/record-form-of';
import { NOT_IN_POLICY } from '../../records/record-form';
import { regimePolicy } from '../regime-policy.testing';

/** GDPR Art. 30(1): the record of processing activities a controller keeps, from its policy. */
describe('GDPR — record of processing activities (Art. 30(1))', () => {
  const policy = {
    ...regimePolicy('GDPR', [
      { id: 'paris-processor', country: 'FR', relation: 'entrustee' },
      { id: 'us-dpf', country: 'US', equivalentSystem: true },
      { id: 'us-plain', country: 'US' },
      { id: 'tokyo', country: 'JP' },
    ]),
    address: 'Rue X 1, Paris',
    retention: [{ items: ['email'], rule: 'P3Y' }],
  };
  const form = recordFormOf(policy);
  const at = (a: string) => form.lines.filter((l) => l.article === `GDPR Art. 30(1)(${a})`);

  it('(a) names the controller and its contact; (g) and the categories of data subjects are not in a policy and say so', () => {
    expect(form).toMatchObject({ regime: 'GDPR', statutory: true });
    expect(at('a').map((l) => l.value)).toEqual(['A GDPR controller (gdpr-controller)', 'Rue X 1, Paris', NOT_IN_POLICY]);
    expect(at('g')[0].value).toBe(NOT_IN_POLICY);
    expect(at('c').find((l) => l.field === 'dataSubjectCategories')!.value).toBe(NOT_IN_POLICY);
  });

  it('(b)-(d): one line per purpose, per item (special categories marked, Art. 9(1)) and per recipient with its country', () => {
    expect(at('b').map((l) => l.observable)).toEqual([
      { kind: 'purpose', id: 'service' },
      { kind: 'purpose', id: 'research' },
    ]);
    expect(
      at('c')
        .filter((l) => l.observable)
        .map((l) => l.observable!.id),
    ).toEqual(['name', 'email', 'health']);
    expect(at('c').find((l) => l.observable?.id === 'health')!.value).toContain('Art. 9(1)');
    expect(at('d').map((l) => l.observable!.id)).toEqual(['paris-processor', 'us-dpf', 'us-plain', 'tokyo']);
  });

  it('(e): a line per third country outside the EEA with its Chapter V ground — adequacy (Art. 45), declared safeguards (Art. 46) or a derogation needed (Art. 49); none for France', () => {
    expect(at('e').map((l) => l.observable!.id)).toEqual(['JP', 'US']);
    expect(at('e')[0].value).toContain('adequacy decision, Art. 45');
    expect(at('e')[1].value).toMatch(/us-dpf \(.*Art\. 45\/46.*us-plain \(.*Art\. 49\)/);
  });

  it('(f): the envisaged erasure time limits are the retention rules', () => {
    expect(at('f').map((l) => l.value)).toEqual(['email: P3Y']);
  });
});
