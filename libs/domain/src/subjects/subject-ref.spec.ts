import { isSubjectRef, SUBJECT_REF_HINT } from './subject-ref';

describe('subject ref shape (GDPR Art. 4(5), Art. 25(1); APPI Art. 2(5))', () => {
  const ref = `hmac:${'0123456789abcdef'.repeat(4)}`;

  it('accepts the keyed-HMAC pseudonym the API produces', () => {
    expect(isSubjectRef(ref)).toBe(true);
  });

  it.each([
    ['an e-mail address', 'alice@example.com'],
    ['a phone number', '+81 90-1234-5678'],
    ['a customer number', 'cust-000123'],
    ['a pseudonym with the prefix but the wrong length', `hmac:${'ab'.repeat(31)}`],
    ['upper-case hex (not what the API produces)', ref.toUpperCase()],
    ['a ref with a trailing newline', `${ref}\n`],
    ['a ref with a raw identifier appended', `${ref}alice@example.com`],
  ])('refuses %s', (_what, value) => {
    expect(isSubjectRef(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, [ref], { ref }]) expect(isSubjectRef(v)).toBe(false);
  });

  it('points to the lookup route without quoting anything', () => {
    expect(SUBJECT_REF_HINT).toContain('POST /v1/subjects/lineage:lookup');
  });
});
