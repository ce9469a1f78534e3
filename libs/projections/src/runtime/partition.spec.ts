import { partitionCheckpoint, partitionOf, validPartitionCount } from './partition';

describe('subject partitions', () => {
  const refs = Array.from({ length: 4_000 }, (_, i) => `hmac:${(i * 2654435761).toString(16)}-${i}`);

  it('puts a subject by a fixed hash of its ref, one partition for N = 1', () => {
    // FNV-1a's published value for 'a': a change of hash would move subjects between the partitions of a stored read model.
    expect(partitionOf('a', 4)).toBe(0xe40c292c % 4);
    expect(partitionOf('a', 7)).toBe(0xe40c292c % 7);
    expect(new Set(refs.map((r) => partitionOf(r, 1)))).toEqual(new Set([0]));
  });

  it('spreads subjects evenly over 2 and 4 partitions (each within 10 % of its share)', () => {
    for (const n of [2, 4]) {
      const sizes = new Array<number>(n).fill(0);
      for (const r of refs) sizes[partitionOf(r, n)]++;
      for (const size of sizes) expect(Math.abs(size - refs.length / n)).toBeLessThan(refs.length / n / 10);
    }
  });

  it('keeps the projection checkpoint for partition 0 and names the others', () => {
    expect(partitionCheckpoint('read-model', undefined)).toBe('read-model');
    expect(partitionCheckpoint('read-model', { index: 0, count: 2 })).toBe('read-model');
    expect(partitionCheckpoint('read-model', { index: 1, count: 2 })).toBe('read-model#1/2');
  });

  it('refuses a partition count that is not a whole number from 1 to 64', () => {
    expect(validPartitionCount(2)).toBe(2);
    for (const bad of [0, -1, 1.5, 65, Number.NaN, '2']) expect(() => validPartitionCount(bad)).toThrow(RangeError);
  });
});
