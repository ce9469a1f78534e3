import type { Regime } from '../policy/policy';
import { appiPublicRetentionExceeded } from './appi-public/retention-appi-public';
import { appiRetentionExceeded } from './appi/retention-appi';
import type { RetentionExceededRule } from './retention-finding';
import { gdprRetentionExceeded } from './gdpr/retention-gdpr';

export type { RetentionEnd, RetentionExceededRule } from './retention-finding';

/** Each regime's retention rule; a new regime does not compile until it has its own. */
export const RETENTION_RULES: Record<Regime, RetentionExceededRule> = {
  APPI: appiRetentionExceeded,
  'APPI-public': appiPublicRetentionExceeded,
  GDPR: gdprRetentionExceeded,
};
