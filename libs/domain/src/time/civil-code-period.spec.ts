import { periodInDays } from './civil-code-period';
import { isoAtOffset } from './zoned-time';

describe('periods in days (Civil Code Arts. 140–143)', () => {
  it('given awareness at 09:00 on 2 April (JST), when 5 days run, then the first day is not counted and the period ends at the end of 7 April, Japan time (Art. 140, 141)', () => {
    const p = periodInDays('2026-04-02T09:00:00+09:00', 5);
    expect(p).toMatchObject({ firstDay: '2026-04-03', lastDay: '2026-04-07' });
    expect(isoAtOffset(p.endsAt, 540)).toBe('2026-04-07T23:59:59.999+09:00');
  });

  it('given an instant late in the UTC day that is already the next day in Japan, then days are counted in Japan time', () => {
    // 2026-04-01T20:00Z is 2 April 05:00 JST.
    expect(periodInDays('2026-04-01T20:00:00Z', 5)).toMatchObject({ firstDay: '2026-04-03', lastDay: '2026-04-07' });
  });

  it('given a period that begins at 00:00 Japan time, then that first day counts (Art. 140 proviso)', () => {
    expect(periodInDays('2026-04-02T00:00:00+09:00', 1)).toMatchObject({ firstDay: '2026-04-02', lastDay: '2026-04-02' });
  });

  it('given 30 days from 2 April, then the last day is 2 May (across the month end)', () => {
    expect(periodInDays('2026-04-02T09:00:00+09:00', 30).lastDay).toBe('2026-05-02');
  });

  it('given a last day on a Sunday, then the period is not extended (Art. 142 is not applied: the earlier deadline)', () => {
    // 2026-04-05 is a Sunday.
    expect(periodInDays('2026-04-02T09:00:00+09:00', 3).lastDay).toBe('2026-04-05');
  });

  it('writes instants with the regime offset, and Z for UTC', () => {
    expect(isoAtOffset('2026-04-02T00:00:00Z', 540)).toBe('2026-04-02T09:00:00.000+09:00');
    expect(isoAtOffset('2026-04-02T00:00:00+09:00', 0)).toBe('2026-04-01T15:00:00.000Z');
  });
});
