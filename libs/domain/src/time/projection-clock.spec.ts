import { DEFAULT_FUTURE_SKEW_MS, projectionClockReading } from './projection-clock';

/**
 * The projection clock decides when an erasure deadline (APPI Art. 35, GDPR Arts. 17 and 19)
 * has passed; an event must not be able to move it past the time the log recorded it.
 */
describe('projection clock (erasure deadlines, APPI Art. 35, GDPR Arts. 17 and 19)', () => {
  const recordedAt = '2026-03-01T12:00:00.000Z';

  it('moves to occurredAt for an event recorded after it occurred', () => {
    expect(projectionClockReading({ type: 'DataErased', occurredAt: '2024-02-05T00:00:00.000Z', recordedAt })).toBe('2024-02-05T00:00:00.000Z');
  });

  it('allows a future date within the skew (a sender whose clock runs a little fast)', () => {
    expect(projectionClockReading({ type: 'DataUsed', occurredAt: '2026-03-01T12:04:00.000Z', recordedAt }, DEFAULT_FUTURE_SKEW_MS)).toBe(
      '2026-03-01T12:04:00.000Z',
    );
  });

  it('caps an event dated 9999-12-31 at the time it was recorded plus the skew', () => {
    expect(projectionClockReading({ type: 'DataAcquired', occurredAt: '9999-12-31T00:00:00.000Z', recordedAt }, 60_000)).toBe('2026-03-01T12:01:00.000Z');
    expect(projectionClockReading({ type: 'BreachDeclared', occurredAt: '2027-01-01T00:00:00.000Z', recordedAt }, 0)).toBe(recordedAt);
  });

  it('compares instants, not text, when occurredAt is not in UTC form', () => {
    // 21:00+09:00 is 12:00Z: not in the future although the text sorts after recordedAt.
    expect(projectionClockReading({ type: 'DataUsed', occurredAt: '2026-03-01T21:00:00+09:00', recordedAt }, 0)).toBe('2026-03-01T21:00:00+09:00');
    expect(projectionClockReading({ type: 'DataUsed', occurredAt: '2026-03-01T22:00:00+09:00', recordedAt }, 0)).toBe(recordedAt);
  });

  it('never moves for an audit event, whenever it is dated', () => {
    expect(projectionClockReading({ type: 'AccessRecorded', occurredAt: '2026-03-01T11:00:00.000Z', recordedAt })).toBeNull();
  });
});
