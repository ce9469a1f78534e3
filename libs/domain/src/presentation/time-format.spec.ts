import { JST, UTC, commonZone, formatDay, formatInstant, zoneForRegime, zoneNamed } from './time-format';

describe('formatInstant: one clock for people', () => {
  it('shows an APPI controller’s instant in Japan Standard Time, to the minute, the zone named', () => {
    expect(formatInstant('2026-08-09T13:37:42.717Z', zoneForRegime('APPI'))).toBe('2026-08-09 22:37 JST');
    expect(formatInstant('2026-08-09T13:37:42.717Z', zoneForRegime('APPI-public'))).toBe('2026-08-09 22:37 JST');
  });

  it('shows a GDPR controller’s instant in UTC', () => {
    expect(formatInstant('2026-08-09T13:37:42.717Z', zoneForRegime('GDPR'))).toBe('2026-08-09 13:37 UTC');
  });

  it('cuts seconds rather than rounding them up to the next minute', () => {
    expect(formatInstant('2026-08-09T13:37:59.999Z', UTC)).toBe('2026-08-09 13:37 UTC');
  });

  it('moves to the next day in Japan when it is still the evening before in UTC', () => {
    expect(formatInstant('2026-12-31T15:00:00Z', JST)).toBe('2027-01-01 00:00 JST');
    expect(formatDay('2026-12-31T15:00:00Z', JST)).toBe('2027-01-01 JST');
  });

  it('names another zone by its abbreviation or offset', () => {
    expect(formatInstant('2026-01-15T12:00:00Z', zoneNamed('Europe/Berlin'))).toMatch(/^2026-01-15 13:00 (CET|GMT\+1)$/);
    expect(formatInstant('2026-01-15T12:00:00Z', zoneForRegime('GDPR', 'Europe/Berlin'))).toMatch(/^2026-01-15 13:00 (CET|GMT\+1)$/);
  });

  it('shows a dash for a missing or unreadable instant', () => {
    expect(formatInstant(undefined, JST)).toBe('—');
    expect(formatInstant('not a date', JST)).toBe('—');
  });

  it('uses the zone every regime shares when no controller is at hand, else UTC', () => {
    expect(commonZone(['APPI', 'APPI-public'])).toEqual(JST);
    expect(commonZone(['APPI', 'GDPR'])).toEqual(UTC);
    expect(commonZone([])).toEqual(UTC);
  });
});
