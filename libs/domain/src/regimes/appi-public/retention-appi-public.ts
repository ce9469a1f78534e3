import { isoInRegime } from '../../time/zoned-time';
import type { RetentionExceededRule } from '../retention-finding';

/**
 * APPI Art. 61(2): an administrative organ shall not hold personal information beyond the extent
 * necessary to achieve its specified purpose of use. The retention period declared for the purpose is
 * that extent in time; holding past it is RETENTION_EXCEEDED. Times in Japan time.
 */
export const appiPublicRetentionExceeded: RetentionExceededRule = ({ holder, items, endedAt }) => ({
  code: 'RETENTION_EXCEEDED',
  message: `${holder} still holds items ${items.join(', ')} after their retention period ended at ${isoInRegime(endedAt, 'APPI-public')}, beyond the extent necessary for the purpose of use (APPI Art. 61(2))`,
  items,
});
