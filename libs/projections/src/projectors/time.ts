/** UTC ISO-8601, so that text order is time order in both databases. Unparseable input is kept as is. */
export function toUtcIso(value: string): string {
  // Fast path: already `YYYY-MM-DDTHH:mm:ss.sssZ` (what clients and Ashiato itself mostly send).
  if (value.length === 24 && value.charCodeAt(23) === 90 && value.charCodeAt(19) === 46 && value.charCodeAt(10) === 84) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
