import type { PolicyDocument } from '../../policy/policy';
import { NOT_IN_POLICY, type RecordForm, type RecordLine } from '../../records/record-form';
import { countriesOf, itemLine, purposeLine, recipientLine } from '../../records/record-lines';
import { appiForeignBasis } from '../appi/record-form';

/**
 * The personal information file register (個人情報ファイル簿) an administrative organ prepares and
 * publishes under APPI Art. 75(1), with the items of Art. 74(1) it carries: (i) the file's name, (ii)
 * the organ and the unit in charge, (iii) the purpose of use, (iv) the recorded items and the range
 * of individuals recorded (記録範囲), (v) how the recorded information is collected, (vi) that
 * special care-required personal information (要配慮個人情報) is included, (vii) the regular recipients
 * of the recorded information outside the organ. The policy is read as one file. It does not record
 * the unit in charge, the range of individuals, the collection method, nor the later items of
 * Art. 74(1) (the unit receiving disclosure, correction and suspension requests; special rules of
 * other laws) and those of the Cabinet Order: those lines say so. Recipients abroad are shown with
 * their Art. 71 ground.
 */
export function appiPublicRecordForm(policy: PolicyDocument): RecordForm {
  const sensitive = policy.items.filter((i) => i.sensitive);
  const lines: RecordLine[] = [
    { article: 'APPI Art. 74(1)(i)', field: 'fileName', value: policy.name },
    { article: 'APPI Art. 74(1)(ii)', field: 'organ', value: `${policy.name} (${policy.controller})` },
    { article: 'APPI Art. 74(1)(ii)', field: 'unitInCharge', value: NOT_IN_POLICY },
    ...policy.purposes.map((p) => purposeLine('APPI Art. 74(1)(iii)', p, 'purposeOfUse')),
    ...policy.items.map((i) => itemLine('APPI Art. 74(1)(iv)', i, '要配慮個人情報', 'recordedItems')),
    { article: 'APPI Art. 74(1)(iv)', field: 'recordRange', value: NOT_IN_POLICY },
    { article: 'APPI Art. 74(1)(v)', field: 'collectionMethod', value: NOT_IN_POLICY },
    {
      article: 'APPI Art. 74(1)(vi)',
      field: 'specialCareRequired',
      value: sensitive.length ? `included: ${sensitive.map((i) => i.id).join(', ')}` : 'not included',
    },
    ...policy.recipients.map((r) => recipientLine('APPI Art. 74(1)(vii)', r, 'regularRecipients')),
    ...countriesOf(policy)
      .filter(([country]) => country !== 'JP')
      .map(([country, recipients]) => ({
        article: 'APPI Art. 71(1)',
        field: 'foreignRecipients',
        value: `${country}: ${recipients.map((r) => `${r.id} (${appiForeignBasis('APPI-public', r)})`).join('; ')}`,
        observable: { kind: 'country' as const, id: country },
      })),
    { article: 'APPI Art. 74(1)(viii)-(x)', field: 'requestsUnitAndOtherItems', value: NOT_IN_POLICY },
  ];
  return {
    regime: 'APPI-public',
    title: '個人情報ファイル簿 Personal information file register (APPI Art. 75(1), items of Art. 74(1))',
    statutory: true,
    lines,
  };
}
