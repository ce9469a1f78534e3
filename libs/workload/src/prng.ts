/** Two lowercase hex digits per byte value: `hex` builds its strings from these (it ran 12 % of a generation as toString(16)). */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same history on every machine and
 * Node version, and it is cheap enough for ten million events.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Up to `max` (at least one) distinct elements of `list`. */
  some<T>(list: readonly T[], max: number): T[] {
    const pool = [...list];
    const out: T[] = [];
    for (let k = Math.min(this.int(1, max), pool.length); k > 0; k--) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }

  hex(words: number): string {
    let s = '';
    for (let i = 0; i < words; i++) {
      const v = this.u32();
      s += HEX_BYTE[v >>> 24] + HEX_BYTE[(v >>> 16) & 0xff] + HEX_BYTE[(v >>> 8) & 0xff] + HEX_BYTE[v & 0xff];
    }
    return s;
  }

  /** A UUID in the version-4 layout (version nibble 4, variant 10xx), drawn from the stream. */
  uuid(): string {
    const h = this.hex(4);
    const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A pseudonymous subject key shaped like the API's keyed HMAC (`hmac:` + 64 hex). */
  subjectRef(): string {
    return `hmac:${this.hex(8)}`;
  }
}
