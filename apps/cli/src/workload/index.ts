/** The seeded workload generator used by `ashiato demo` and by the benchmarks (bench/). */
export { generateHistory, DEFAULT_START_AT, type HistoryOptions } from './generate-history';
export { writeNdjson } from './ndjson-writer';
export { VIOLATION_KINDS, UNDECLARED_PURPOSE, UNDECLARED_RECIPIENT, type ViolationKind } from './violations';
export { SeededRandom } from './prng';
