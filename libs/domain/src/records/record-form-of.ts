import { assertNever } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import { appiRecordForm } from '../regimes/appi/record-form';
import { appiPublicRecordForm } from '../regimes/appi-public/record-form';
import { gdprRecordForm } from '../regimes/gdpr/record-form';
import type { RecordForm } from './record-form';

/** The record of processing the controller's regime asks for, from the policy version in force. */
export function recordFormOf(policy: PolicyDocument): RecordForm {
  switch (policy.regime) {
    case 'APPI':
      return appiRecordForm(policy);
    case 'APPI-public':
      return appiPublicRecordForm(policy);
    case 'GDPR':
      return gdprRecordForm(policy);
    default:
      return assertNever(policy.regime);
  }
}
