import { isoInRegime } from '../../time/zoned-time';
import type { RetentionExceededRule } from '../retention-finding';

/**
 * GDPR Art. 5(1)(e), storage limitation: personal data kept in a form which permits identification no
 * longer than necessary for the purposes. The declared storage period (Art. 13(2)(a)) is that limit;
 * data still held after it is RETENTION_EXCEEDED. Times in UTC, as every GDPR answer.
 */
export const gdprRetentionExceeded: RetentionExceededRule = ({ holder, items, endedAt }) => ({
  code: 'RETENTION_EXCEEDED',
  message: `${holder} still stores items ${items.join(', ')} after their storage period ended at ${isoInRegime(endedAt, 'GDPR')} (GDPR Art. 5(1)(e), storage limitation)`,
  items,
});
