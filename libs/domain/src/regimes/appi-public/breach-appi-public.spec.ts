import { fixedClock } from '../../time/clock';
import { input } from '../breach-fixtures.spec-helper';
import { assessAppiPublicBreach } from './breach-appi-public';

const at = fixedClock('2026-04-03T00:00:00Z');
const assess = (...args: Parameters<typeof input>) => assessAppiPublicBreach(input(...args), at);

describe('APPI public bodies: reportability (APPI Art. 68(1), Enforcement Rules Art. 43)', () => {
  it('given 101 persons of plain data, then it is reportable for more than 100 persons (Rules Art. 43(iv))', () => {
    const a = assess({ persons: 101 });
    expect(a.reportability.reportable).toBe(true);
    expect(a.reportability.triggers).toEqual([expect.objectContaining({ trigger: 'overHundredPersons', article: 'APPI Enforcement Rules Art. 43(iv)' })]);
  });

  it('given exactly 100 persons, then it is not reportable ("more than 100")', () => {
    expect(assess({ persons: 100 }).reportability.reportable).toBe(false);
  });

  it('given 150 persons, then the business threshold of 1,000 is not what applies: it is reportable', () => {
    expect(assess({ persons: 150 }).reportability.reportable).toBe(true);
  });

  it('given an improper purpose, then Rules Art. 43(iii) fires and the final report is due in 60 days (Rules Art. 44(2))', () => {
    const a = assess({}, { cause: 'unauthorizedAccess' });
    expect(a.reportability.triggers.map((t) => t.article)).toEqual(['APPI Enforcement Rules Art. 43(iii)']);
    expect(a.clocks.find((c) => c.kind === 'appi-final')).toMatchObject({ regime: 'APPI-public', dueAt: '2026-06-01T23:59:59.999+09:00' });
  });

  it('given high-level encryption, then no situation applies (Rules Art. 43(i))', () => {
    expect(assess({ persons: 5000 }, { protection: 'highLevelEncryption' }).reportability.reportable).toBe(false);
  });

  it('notifies the persons under Art. 68(2) and drafts the Rules Art. 44 items in terms of 保有個人情報', () => {
    const a = assess({ persons: 101 });
    expect(a.reportability.notifySubjects.article).toContain('APPI Art. 68(2)');
    expect(a.draft).toMatchObject({ regime: 'APPI-public', article: 'APPI Art. 68(1); Enforcement Rules Art. 44' });
    expect(a.draft.fields[1].heading.ja).toContain('保有個人情報の項目');
  });
});
