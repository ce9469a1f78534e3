import { retentionCase } from '../retention-fixtures.spec-helper';

describe('APPI public bodies — retention (Art. 61(2): no holding beyond what the purpose of use needs)', () => {
  const c = retentionCase('APPI-public');

  it('given e-mail kept one year, when the clock passes the end, then RETENTION_EXCEEDED citing Art. 61(2) and the purpose of use, in Japan time', () => {
    expect(c.findingsAt('2025-02-28T23:59:59.999Z')).toEqual([]);
    const [finding] = c.findingsAt('2025-03-02T00:00:00Z');
    expect(finding.items).toEqual(['email']);
    expect(finding.violation.message).toContain('APPI Art. 61(2)');
    expect(finding.violation.message).toContain('purpose of use');
    expect(finding.violation.message).toContain('+09:00');
    expect(finding.violation.message).not.toContain('Art. 22');
  });
});
