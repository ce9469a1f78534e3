import { PROVISION_BASES } from '../policy/provision-basis';
import { REGIMES } from '../policy/policy';
import { loadSeedPolicies } from '../policy/seed-policies.testing';
import { validatePolicy } from '../policy/validate-policy';
import { dpvPersonalDataOf, dpvProvisionBasis } from './dpv';
import { DPV_LEGAL_BASIS_TERMS, DPV_LEGAL_ROLE_TERMS, DPV_PD_TERMS, DPV_PURPOSE_TERMS } from './dpv-terms';
import { FIDESLANG_DATA_CATEGORIES, isFideslangDataCategory } from './fideslang';

const term = (prefixed: string) => prefixed.slice(prefixed.indexOf(':') + 1);

describe('fideslang data categories', () => {
  it('a category is checked against the taxonomy itself, not its shape', () => {
    expect(isFideslangDataCategory('user.contact.email')).toBe(true);
    expect(isFideslangDataCategory('user.workplace')).toBe(true);
    // Well-formed but not in the taxonomy: refused (an earlier encoding of two seeds used it).
    expect(isFideslangDataCategory('user.professional_information.workplace')).toBe(false);
    expect(isFideslangDataCategory('user.contact.emial')).toBe(false);
  });

  it('a policy item with a category outside the taxonomy is a validation error naming the item', () => {
    const policy = loadSeedPolicies().jcert;
    const doc = { ...policy, items: [{ ...policy.items[0], category: 'user.contact.emial' }, ...policy.items.slice(1)] };
    expect(validatePolicy(doc)).toEqual([expect.objectContaining({ path: '$.items[0].category' })]);
  });

  it('every item of the five seed policies has a taxonomy category and every purpose a DPV purpose', () => {
    for (const policy of Object.values(loadSeedPolicies())) {
      for (const item of policy.items) expect([policy.controller, item.id, isFideslangDataCategory(item.category)]).toEqual([policy.controller, item.id, true]);
      for (const purpose of policy.purposes)
        expect([policy.controller, purpose.id, DPV_PURPOSE_TERMS.has(term(purpose.dpv ?? ''))]).toEqual([policy.controller, purpose.id, true]);
    }
  });
});

describe('W3C DPV mapping', () => {
  it('every user data category maps to a DPV-PD term that exists in DPV-PD 2.2; system data is not personal data', () => {
    for (const category of Object.keys(FIDESLANG_DATA_CATEGORIES)) {
      const mapped = dpvPersonalDataOf(category);
      if (category.startsWith('system')) expect([category, mapped]).toEqual([category, null]);
      else if (mapped === 'dpv:PersonalData') expect(['user', 'user.childrens']).toContain(category);
      else expect([category, mapped?.startsWith('pd:') && DPV_PD_TERMS.has(term(mapped))]).toEqual([category, true]);
    }
    expect(dpvPersonalDataOf('user.contact.email')).toBe('pd:EmailAddress');
    expect(dpvPersonalDataOf('not.a.category')).toBeNull();
  });

  it('GDPR Art. 6(1)(a) consent, (c) legal obligation, (f) legitimate interests map to DPV legal bases; Art. 28 and Art. 26 to recipient roles', () => {
    expect(dpvProvisionBasis('consent', 'GDPR', 'thirdParty')).toEqual({ legalBasis: 'dpv:Consent', recipientRole: 'dpv:ThirdParty' });
    expect(dpvProvisionBasis('statutory', 'GDPR')).toMatchObject({ legalBasis: 'dpv:LegalObligation' });
    expect(dpvProvisionBasis('optOut', 'GDPR')).toMatchObject({ legalBasis: 'dpv:LegitimateInterest' });
    expect(dpvProvisionBasis('entrustment', 'GDPR', 'entrustee')).toEqual({
      legalBasis: null,
      recipientRole: 'dpv:DataProcessor',
      note: 'GDPR Art. 28 processor',
    });
    expect(dpvProvisionBasis('jointUse', 'GDPR', 'jointUser')).toMatchObject({ legalBasis: null, recipientRole: 'dpv:JointDataControllers' });
  });

  it('APPI Art. 27(2) opt-out and Art. 27(5)(ii) succession have no DPV legal basis of their own: the generic one with the article', () => {
    expect(dpvProvisionBasis('optOut', 'APPI', 'thirdParty')).toEqual({
      legalBasis: 'dpv:LegalBasis',
      recipientRole: 'dpv:ThirdParty',
      note: 'APPI Art. 27(2) opt-out provision',
    });
    expect(dpvProvisionBasis('businessSuccession', 'APPI')).toMatchObject({ note: 'APPI Art. 27(5)(ii) business succession' });
    // A public body providing under law (APPI Art. 69(1)) acts under its official authority.
    expect(dpvProvisionBasis('statutory', 'APPI-public')).toMatchObject({ legalBasis: 'dpv:OfficialAuthorityOfController' });
  });

  it('every mapped basis and role is a term of DPV 2.2', () => {
    for (const regime of REGIMES)
      for (const basis of PROVISION_BASES)
        for (const relation of ['entrustee', 'thirdParty', 'jointUser', 'publicBody', 'public'] as const) {
          const m = dpvProvisionBasis(basis, regime, relation);
          if (m.legalBasis) expect(DPV_LEGAL_BASIS_TERMS.has(term(m.legalBasis))).toBe(true);
          expect(DPV_LEGAL_ROLE_TERMS.has(term(m.recipientRole))).toBe(true);
        }
  });
});
