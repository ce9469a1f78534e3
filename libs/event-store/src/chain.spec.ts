import fc from 'fast-check';
import { canonicalEvent, canonicalJson, chainHash, GENESIS_HASH } from './chain';

/** The first implementation, whose text every stored hash was computed from: JSON.stringify with a sorting replacer. */
function reference(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/** Keys as events carry them, plus the ones whose order is subtle: array indexes, near-indexes, non-BMP text. */
const key = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.nat().map(String),
  fc.constantFrom('0', '01', '-1', '1.5', '4294967294', '4294967295', '9007199254740993', '__proto__', '__proto__x', 'a', 'B', 'é', '日本'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value')),
    fc.dictionary(key, tie('value')),
  ),
})).value;

describe('the chain text (libs/event-store/README.md, "Hash chain")', () => {
  it('is the same text as the first implementation for any JSON-like value, so stored hashes keep verifying', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts array-index keys first in numeric order, as the first implementation did, and sorts the rest', () => {
    expect(canonicalJson({ b: 1, 10: 2, a: [{ z: 1, y: undefined, x: () => 1 }], 2: 3, '02': 4 })).toBe('{"2":3,"10":2,"02":4,"a":[{"z":1}],"b":1}');
    // An own __proto__ member (JSON.parse makes one) was never part of the text.
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"b":1}');
  });

  it('gives the hash recorded for a known event (a change to the text would break every stored chain)', () => {
    const event = {
      streamId: 'subject-x',
      version: 0,
      eventId: 'e1',
      type: 'DataUsed',
      data: { payload: { 2: 'b', 1: 'a' }, eventId: 'e1' },
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(canonicalEvent(event)).toBe(
      '{"data":{"eventId":"e1","payload":{"1":"a","2":"b"}},"eventId":"e1","recordedAt":"2026-01-01T00:00:00.000Z","streamId":"subject-x","type":"DataUsed","version":0}',
    );
    expect(chainHash(GENESIS_HASH, event)).toBe('0c1ef58622dad3f41707ea8f9e9d8473b9593e9516a31a8a3e97fad582360757');
  });
});
