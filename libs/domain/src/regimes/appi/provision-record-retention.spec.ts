import { provisionRecordKeptUntil } from './provision-record-retention';

describe('APPI provision records are kept (Enforcement Rules Art. 21)', () => {
  it('given a provision on 2 February 2024, then its Art. 29 record is kept until 2 February 2027: three years, the longer of the two periods', () => {
    expect(provisionRecordKeptUntil('2024-02-02T00:00:00.000Z')).toBe('2027-02-02T00:00:00.000Z');
  });

  it('given a provision made at 09:00 Japan time, then the period ends at the same instant three years on', () => {
    expect(provisionRecordKeptUntil('2024-06-30T09:00:00+09:00')).toBe('2027-06-30T00:00:00.000Z');
  });
});
