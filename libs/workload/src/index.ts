/** The seeded history generator behind `ashiato demo`, the benchmarks (bench/) and the chaos trials. */
export { generateHistory, DEFAULT_UNTIL, type HistoryOptions } from './generate-history';
export { VIOLATION_KINDS, UNDECLARED_PURPOSE, UNDECLARED_RECIPIENT, UNREGISTERED_CONTROLLER, type ViolationKind } from './violations';
export { SeededRandom } from './prng';
