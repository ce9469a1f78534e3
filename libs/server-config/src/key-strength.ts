/**
 * Start-up checks of the secrets the server is given. A weak admin key can be guessed; a weak HMAC
 * key lets anyone who knows it turn a guessed e-mail address into its subject ref. The messages name
 * the variable and what is wrong, never the value.
 */

/** Shortest admin key (characters) and HMAC key (bytes) accepted. */
export const MIN_SECRET_LENGTH = 32;
/**
 * Least estimated entropy, in bits, of the material (character frequencies × length). 32 random hex
 * characters measure ≈ 110 bits and 32 random base64 characters ≈ 150; repeated or near-constant
 * material measures far less.
 */
export const MIN_SECRET_BITS = 80;

/** Shannon entropy of the characters' frequencies, times the length: a cheap upper bound of the real entropy. */
export function estimatedBits(value: string): number {
  const chars = [...value];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** True when the value is one shorter unit written again and again (`abcabcabc`, 16 spaces). */
export function isRepeated(value: string): boolean {
  return /^([\s\S]+?)\1+$/.test(value);
}

/**
 * Why `value` is too weak to serve as the secret `name`, or undefined when it is strong enough.
 * `measure` says whether the minimum length counts characters (an API key, typed or pasted) or
 * UTF-8 bytes (the HMAC key's material).
 */
export function weakSecretProblem(name: string, value: string, measure: 'characters' | 'bytes'): string | undefined {
  const length = measure === 'bytes' ? Buffer.byteLength(value, 'utf8') : [...value].length;
  const advice = `use at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of \`openssl rand -base64 32\``;
  if (length < MIN_SECRET_LENGTH) return `${name} must be at least ${MIN_SECRET_LENGTH} ${measure} long; ${advice}`;
  if (isRepeated(value) || estimatedBits(value) < MIN_SECRET_BITS) return `${name} is low-entropy (repeated or too few distinct characters); ${advice}`;
  return undefined;
}
