import { SeededRandom } from './prng';

describe('SeededRandom', () => {
  it('writes each drawn word as eight lowercase hex digits, as toString(16) would: the same seed gives the same workload', () => {
    const a = new SeededRandom(20260401);
    const b = new SeededRandom(20260401);
    for (let i = 0; i < 20_000; i++) expect(a.hex(1)).toBe(b.u32().toString(16).padStart(8, '0'));
    // Words whose leading bytes are zero keep their zeros.
    const words = Array.from({ length: 5 }, () => b.u32());
    expect(a.hex(5)).toBe(words.map((w) => w.toString(16).padStart(8, '0')).join(''));
  });

  it('draws version-4 UUIDs and hmac-shaped subject refs', () => {
    const r = new SeededRandom(7);
    for (let i = 0; i < 1_000; i++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.subjectRef()).toMatch(/^hmac:[0-9a-f]{64}$/);
    }
  });
});
