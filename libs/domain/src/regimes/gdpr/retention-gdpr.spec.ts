import { retentionCase } from '../retention-fixtures.spec-helper';

describe('GDPR — retention (Art. 5(1)(e), storage limitation)', () => {
  const c = retentionCase('GDPR');

  it('given e-mail stored one year, when the clock passes the end, then RETENTION_EXCEEDED citing Art. 5(1)(e), the end in UTC, no APPI article', () => {
    expect(c.findingsAt('2025-03-01T00:00:00.000Z')).toEqual([]);
    const [finding] = c.findingsAt('2025-06-01T00:00:00Z');
    expect(finding).toMatchObject({ items: ['email'], endedAt: '2025-03-01T00:00:00.000Z' });
    expect(finding.violation.message).toContain('GDPR Art. 5(1)(e)');
    expect(finding.violation.message).toContain('2025-03-01T00:00:00.000Z');
    expect(finding.violation.message).not.toContain('APPI');
  });
});
