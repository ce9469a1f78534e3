export * from './app-config';
export * from './broker-config';
export * from './control-url';
export * from './key-strength';
