import type { PolicyDocument, PolicyRecipient } from '../../policy/policy';
import { EEA, GDPR_ADEQUATE_COUNTRIES } from '../../flows/transfer-regions';
import { NOT_IN_POLICY, type RecordForm, type RecordLine } from '../../records/record-form';
import { countriesOf, itemLine, purposeLine, recipientLine, retentionLines } from '../../records/record-lines';

/**
 * The record of processing activities a controller keeps under GDPR Art. 30(1), from one policy
 * version: (a) the controller's name and contact details; (b) the purposes; (c) the categories of
 * data subjects and of personal data; (d) the categories of recipients, including those in third
 * countries; (e) transfers to third countries with the documentation of suitable safeguards; (f) the
 * envisaged time limits for erasure; (g) a description of the security measures (Art. 32(1)).
 * The policy document records no DPO or representative contact, no categories of data subjects and
 * no security measures: those lines say so.
 */
export function gdprRecordForm(policy: PolicyDocument): RecordForm {
  const lines: RecordLine[] = [
    { article: 'GDPR Art. 30(1)(a)', field: 'controller', value: `${policy.name} (${policy.controller})` },
    { article: 'GDPR Art. 30(1)(a)', field: 'controllerContact', value: policy.address ?? NOT_IN_POLICY },
    { article: 'GDPR Art. 30(1)(a)', field: 'representativeAndDpo', value: NOT_IN_POLICY },
    ...policy.purposes.map((p) => purposeLine('GDPR Art. 30(1)(b)', p)),
    { article: 'GDPR Art. 30(1)(c)', field: 'dataSubjectCategories', value: NOT_IN_POLICY },
    ...policy.items.map((i) => itemLine('GDPR Art. 30(1)(c)', i, 'special category, Art. 9(1)')),
    ...policy.recipients.map((r) => recipientLine('GDPR Art. 30(1)(d)', r)),
    ...countriesOf(policy)
      .filter(([country]) => !EEA.has(country))
      .map(([country, recipients]) => ({
        article: 'GDPR Art. 30(1)(e)',
        field: 'thirdCountryTransfers',
        value: `${country}: ${recipients.map((r) => `${r.id} (${gdprTransferBasis(r)})`).join('; ')}`,
        observable: { kind: 'country' as const, id: country },
      })),
    ...retentionLines('GDPR Art. 30(1)(f)', policy),
    { article: 'GDPR Art. 30(1)(g)', field: 'securityMeasures', value: NOT_IN_POLICY },
  ];
  return { regime: 'GDPR', title: 'Record of processing activities (GDPR Art. 30(1))', statutory: true, lines };
}

/** The Chapter V ground a transfer to this recipient outside the EEA rests on, as the policy declares it. */
export function gdprTransferBasis(r: PolicyRecipient): string {
  if (r.relation === 'public') return 'published to the public, not a transfer to a recipient';
  if (GDPR_ADEQUATE_COUNTRIES.has(r.country)) return 'adequacy decision, Art. 45';
  if (r.equivalentSystem) return 'adequacy for certified organisations or appropriate safeguards, Art. 45/46, as declared';
  return 'no adequacy decision or safeguard declared: each transfer needs a derogation, Art. 49';
}
