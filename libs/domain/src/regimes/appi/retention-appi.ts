import { isoInRegime } from '../../time/zoned-time';
import type { RetentionExceededRule } from '../retention-finding';

/**
 * APPI Art. 22: a business shall endeavour to erase personal data without delay once it no longer
 * needs to use it. The policy's retention period says when that is; an item still held after it is
 * RETENTION_EXCEEDED. Times in Japan time.
 */
export const appiRetentionExceeded: RetentionExceededRule = ({ holder, items, endedAt }) => ({
  code: 'RETENTION_EXCEEDED',
  message: `${holder} still holds items ${items.join(', ')} after their retention period ended at ${isoInRegime(endedAt, 'APPI')}; data no longer needed is to be erased without delay (APPI Art. 22)`,
  items,
});
