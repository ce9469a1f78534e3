/**
 * APPI Enforcement Rules Art. 21: a provision record (Art. 29) is kept one year from the last provision
 * it covers when it was made per Rules Art. 19(3) (a contract or continuous provisions), three years
 * otherwise. Which way a record was made is not on the event, so every record is kept for the longer
 * period, which satisfies both.
 */
export const PROVISION_RECORD_RETENTION_YEARS = 3;

/** Until when the record of a provision made at `providedAt` is kept (UTC ISO). */
export function provisionRecordKeptUntil(providedAt: string): string {
  const d = new Date(Date.parse(providedAt));
  d.setUTCFullYear(d.getUTCFullYear() + PROVISION_RECORD_RETENTION_YEARS);
  return d.toISOString();
}
