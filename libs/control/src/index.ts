export * from './api-key';
export * from './control-db';
export * from './control-tables';
export * from './control.module';
export * from './key-store';
export * from './kysely-key-store';
export * from './migrations';
export * from './roles';
