export * from './env-vars';
export * from './formats';
export * from './parse-env';
export * from './process-env';
export type { Variable, VariableGroup } from './variable';
