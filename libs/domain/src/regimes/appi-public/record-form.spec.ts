import { recordFormOf } from '../../records/record-form-of';
import { NOT_IN_POLICY } from '../../records/record-form';
import { loadSeedPolicy } from '../../policy/seed-policies.testing';
import { regimePolicy } from '../regime-policy.testing';

/** APPI Art. 75(1): the personal information file register, with the items of Art. 74(1). */
describe('APPI public bodies — personal information file register (Arts. 74(1), 75(1))', () => {
  it('gBizConnect: file name and organ (i)-(ii), each purpose of use (iii), each recorded item (iv), no special care-required data (vi), its entrustee as regular recipient (vii)', () => {
    const policy = loadSeedPolicy('gbizconnect');
    const form = recordFormOf(policy);
    const field = (f: string) => form.lines.filter((l) => l.field === f);
    expect(form).toMatchObject({ regime: 'APPI-public', statutory: true });
    expect(form.title).toContain('個人情報ファイル簿');
    expect(field('fileName')[0]).toMatchObject({ article: 'APPI Art. 74(1)(i)', value: policy.name });
    expect(field('purposeOfUse').map((l) => l.observable!.id)).toEqual(policy.purposes.map((p) => p.id));
    expect(field('recordedItems')).toHaveLength(policy.items.length);
    expect(field('specialCareRequired')[0]).toMatchObject({ article: 'APPI Art. 74(1)(vi)', value: 'not included' });
    expect(field('regularRecipients').map((l) => l.observable!.id)).toEqual(['gbizconnect-contractors']);
    expect(field('foreignRecipients')).toEqual([]);
  });

  it('what a policy cannot supply — unit in charge, range of individuals (iv), collection method (v), items (viii)-(x) — says so', () => {
    const form = recordFormOf(regimePolicy('APPI-public', []));
    for (const f of ['unitInCharge', 'recordRange', 'collectionMethod', 'requestsUnitAndOtherItems'])
      expect(form.lines.find((l) => l.field === f)!.value).toBe(NOT_IN_POLICY);
  });

  it('(vi) names the special care-required items; a recipient abroad gets an Art. 71(1) line with its ground', () => {
    const form = recordFormOf(regimePolicy('APPI-public', [{ id: 'us-lab', country: 'US' }]));
    expect(form.lines.find((l) => l.field === 'specialCareRequired')!.value).toBe('included: health');
    const abroad = form.lines.find((l) => l.field === 'foreignRecipients')!;
    expect(abroad).toMatchObject({ article: 'APPI Art. 71(1)', observable: { kind: 'country', id: 'US' } });
    expect(abroad.value).toContain('outside the purpose of use');
  });
});
