import { randomBytes } from 'node:crypto';
import { estimatedBits, isRepeated, weakSecretProblem } from './key-strength';

describe('secret strength at start', () => {
  it('accepts 32 random bytes written as hex or base64, whatever the draw', () => {
    for (let i = 0; i < 200; i++) {
      expect(weakSecretProblem('ASHIATO_HMAC_KEY', randomBytes(16).toString('hex'), 'bytes')).toBeUndefined();
      expect(weakSecretProblem('ASHIATO_ADMIN_KEY', randomBytes(24).toString('base64url'), 'characters')).toBeUndefined();
    }
  });

  it('refuses short keys, naming the variable and never the value', () => {
    const problem = weakSecretProblem('ASHIATO_ADMIN_KEY', 'hunter2', 'characters');
    expect(problem).toMatch(/^ASHIATO_ADMIN_KEY must be at least 32 characters/);
    expect(problem).not.toContain('hunter2');
    expect(weakSecretProblem('ASHIATO_ADMIN_KEY', 'Xq7#mP2$vL9@kR4!wN8&', 'characters')).toMatch(/at least 32/);
  });

  it('needs the full length: 31 random characters are refused', () => {
    expect(weakSecretProblem('ASHIATO_HMAC_KEY', randomBytes(16).toString('hex').slice(1), 'bytes')).toMatch(/at least 32 bytes/);
  });

  it('refuses repeated or near-constant material however long', () => {
    expect(isRepeated(' '.repeat(16))).toBe(true);
    expect(weakSecretProblem('ASHIATO_HMAC_KEY', ' '.repeat(16), 'bytes')).toMatch(/at least 32 bytes/);
    expect(weakSecretProblem('ASHIATO_HMAC_KEY', ' '.repeat(64), 'bytes')).toMatch(/^ASHIATO_HMAC_KEY is low-entropy/);
    expect(weakSecretProblem('ASHIATO_HMAC_KEY', 'secret-key-0001'.repeat(4), 'bytes')).toMatch(/low-entropy/);
    expect(weakSecretProblem('ASHIATO_ADMIN_KEY', `${'a'.repeat(40)}bc`, 'characters')).toMatch(/low-entropy/);
    expect(estimatedBits('ab'.repeat(20))).toBe(40);
  });
});
