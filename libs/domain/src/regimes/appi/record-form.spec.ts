import { recordFormOf } from '../../records/record-form-of';
import { NOT_IN_POLICY } from '../../records/record-form';
import { loadSeedPolicy } from '../../policy/seed-policies.testing';

/** APPI businesses: no statutory register; the Art. 32(1) public matters and the Arts. 27-29 recipient facts. */
describe('APPI business — register without statutory form (Arts. 32(1), 27-29)', () => {
  const policy = loadSeedPolicy('jcert');
  const form = recordFormOf(policy);

  it('is titled as a register without statutory form', () => {
    expect(form).toMatchObject({ regime: 'APPI', statutory: false });
    expect(form.title).toContain('without statutory form');
  });

  it('Art. 32(1)(i)-(ii): the business and each purpose of use; the representative, procedures (iii) and security measures (iv) are not in a policy', () => {
    expect(form.lines.find((l) => l.field === 'business')!.article).toBe('APPI Art. 32(1)(i)');
    expect(form.lines.filter((l) => l.field === 'purposesOfUse').map((l) => l.observable!.id)).toEqual(policy.purposes.map((p) => p.id));
    for (const f of ['representative', 'requestProcedures', 'securityControlMeasures'])
      expect(form.lines.find((l) => l.field === f)!.value).toBe(NOT_IN_POLICY);
  });

  it('Art. 28(1): Starfield in the US is a foreign third party; the line gives the ground the policy declares', () => {
    const us = form.lines.find((l) => l.field === 'foreignThirdParties' && l.observable?.id === 'US')!;
    expect(us.article).toBe('APPI Art. 28(1)');
    expect(us.value).toContain('starfield-technologies');
  });
});
