import { retentionCase } from '../retention-fixtures.spec-helper';

describe('APPI business — retention (Art. 22: erase data no longer needed without delay)', () => {
  const c = retentionCase('APPI');

  it('given e-mail kept one year from 1 March 2024, when the clock is still at the end instant, then nothing is found', () => {
    expect(c.findingsAt('2025-03-01T00:00:00.000Z')).toEqual([]);
  });

  it('when the clock passes the end, then RETENTION_EXCEEDED for the e-mail only, citing Art. 22, the end in Japan time', () => {
    const [finding, ...rest] = c.findingsAt('2025-03-01T00:00:00.001Z');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ holder: 'appi-controller', items: ['email'], endedAt: '2025-03-01T00:00:00.000Z' });
    expect(finding.violation.code).toBe('RETENTION_EXCEEDED');
    expect(finding.violation.message).toContain('APPI Art. 22');
    expect(finding.violation.message).toContain('2025-03-01T09:00:00.000+09:00');
  });
});
