import { SubjectHasher } from './subject-hasher';

describe('SubjectHasher', () => {
  const hasher = new SubjectHasher('unit-test-key-0123456789');

  it('gives one ref per person however the identifier was typed', () => {
    expect(hasher.refFor({ email: '  Hanako.Yamada@Example.JP ' })).toBe(hasher.refFor({ email: 'hanako.yamada@example.jp' }));
    expect(hasher.refFor({ phone: '+81 (90) 1234-5678' })).toBe(hasher.refFor({ phone: '819012345678' }));
  });

  it('keeps kinds apart, depends on the key, and never contains the identifier', () => {
    const ref = hasher.refFor({ externalId: '12345' });
    expect(ref).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(ref).not.toBe(hasher.refFor({ phone: '12345' }));
    expect(ref).not.toBe(new SubjectHasher('another-key-0123456789').refFor({ externalId: '12345' }));
  });

  it('refuses zero or several identifiers at once', () => {
    expect(() => hasher.refFor({})).toThrow();
    expect(() => hasher.refFor({ email: 'a@example.jp', phone: '0312345678' })).toThrow();
  });
});
