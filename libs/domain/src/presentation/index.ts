export * from './time-format';
export * from './labels';
export * from './breach-sentence';
