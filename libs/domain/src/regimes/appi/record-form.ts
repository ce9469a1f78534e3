import type { PolicyDocument, PolicyRecipient, Regime } from '../../policy/policy';
import { APPI_EQUIVALENT_COUNTRIES } from '../../flows/transfer-regions';
import { NOT_IN_POLICY, type RecordForm, type RecordLine } from '../../records/record-form';
import { countriesOf, itemLine, purposeLine, recipientLine, retentionLines } from '../../records/record-lines';

/**
 * A business handling personal information keeps no statutory register of its processing. What the
 * law makes it publish or record is gathered here, titled as a register without statutory form:
 * the matters of Art. 32(1) it keeps accessible to the person — (i) its name, address and, for a
 * corporation, its representative; (ii) the purposes of use of all retained personal data; (iii) the
 * request procedures; (iv) the security control measures and other Cabinet Order matters — and the
 * recipient facts behind Arts. 27 (third parties, entrustment, joint use under 27(5)), 28 (third
 * parties in a foreign country) and 29 (provision records). The items handled are listed too, with
 * no article, for the comparison with the log. The policy records no representative, procedure or
 * security measure: those lines say so.
 */
export function appiRecordForm(policy: PolicyDocument): RecordForm {
  const lines: RecordLine[] = [
    { article: 'APPI Art. 32(1)(i)', field: 'business', value: `${policy.name} (${policy.controller})` },
    { article: 'APPI Art. 32(1)(i)', field: 'address', value: policy.address ?? NOT_IN_POLICY },
    { article: 'APPI Art. 32(1)(i)', field: 'representative', value: NOT_IN_POLICY },
    ...policy.purposes.map((p) => purposeLine('APPI Art. 32(1)(ii)', p, 'purposesOfUse')),
    { article: 'APPI Art. 32(1)(iii)', field: 'requestProcedures', value: NOT_IN_POLICY },
    { article: 'APPI Art. 32(1)(iv)', field: 'securityControlMeasures', value: NOT_IN_POLICY },
    ...policy.items.map((i) => itemLine('(no statutory item)', i, '要配慮個人情報', 'itemsHandled')),
    ...policy.recipients.map((r) => recipientLine(r.relation === 'jointUser' ? 'APPI Art. 27(5)(iii)' : 'APPI Art. 27, 29', r)),
    ...countriesOf(policy)
      .filter(([country]) => country !== 'JP')
      .map(([country, recipients]) => ({
        article: 'APPI Art. 28(1)',
        field: 'foreignThirdParties',
        value: `${country}: ${recipients.map((r) => `${r.id} (${appiForeignBasis('APPI', r)})`).join('; ')}`,
        observable: { kind: 'country' as const, id: country },
      })),
    ...retentionLines('(no statutory item)', policy, 'retention'),
  ];
  return { regime: 'APPI', title: 'Register of processing without statutory form (APPI Arts. 32(1), 27-29)', statutory: false, lines };
}

/** The ground a provision to this recipient abroad rests on (APPI Art. 28(1) for businesses, Art. 71(1) for public bodies), as the policy declares it. */
export function appiForeignBasis(regime: Regime, r: PolicyRecipient): string {
  const article = regime === 'APPI-public' ? 'Art. 71(1)' : 'Art. 28(1)';
  if (r.relation === 'public') return 'published to the public, not a provision to a foreign third party';
  if (APPI_EQUIVALENT_COUNTRIES.has(r.country)) return `country with an equivalent system designated by the PPC, ${article}`;
  if (r.equivalentSystem) return `recipient maintaining equivalent measures, ${article}`;
  return regime === 'APPI-public'
    ? `consent to the foreign provision needed outside the purpose of use, ${article}`
    : `the person's prior consent to the foreign provision, ${article}`;
}
