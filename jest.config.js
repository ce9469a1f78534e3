/** Three test projects: unit specs beside the code, HTTP e2e, and real-Chromium browser tests. */
const moduleNameMapper = {
  '^@ashiato/application$': '<rootDir>/libs/application/src',
  '^@ashiato/application/(.*)$': '<rootDir>/libs/application/src/$1',
  '^@ashiato/broker$': '<rootDir>/libs/broker/src',
  '^@ashiato/broker/(.*)$': '<rootDir>/libs/broker/src/$1',
  '^@ashiato/config$': '<rootDir>/libs/config/src',
  '^@ashiato/config/(.*)$': '<rootDir>/libs/config/src/$1',
  '^@ashiato/server-config$': '<rootDir>/libs/server-config/src',
  '^@ashiato/server-config/(.*)$': '<rootDir>/libs/server-config/src/$1',
  '^@ashiato/control$': '<rootDir>/libs/control/src',
  '^@ashiato/control/(.*)$': '<rootDir>/libs/control/src/$1',
  '^@ashiato/domain$': '<rootDir>/libs/domain/src',
  '^@ashiato/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
  '^@ashiato/event-store$': '<rootDir>/libs/event-store/src',
  '^@ashiato/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
  '^@ashiato/projections$': '<rootDir>/libs/projections/src',
  '^@ashiato/projections/(.*)$': '<rootDir>/libs/projections/src/$1',
  '^@ashiato/workload$': '<rootDir>/libs/workload/src',
  '^@ashiato/workload/(.*)$': '<rootDir>/libs/workload/src/$1',
};
// NestJS 12 packages are ES modules: test/support/esm-to-cjs.transform.cjs makes them loadable by Jest.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  '^.+\\.js$': '<rootDir>/test/support/esm-to-cjs.transform.cjs',
};
const transformIgnorePatterns = ['/node_modules/(?!@nestjs/)'];
const base = { rootDir: __dirname, testEnvironment: 'node', moduleNameMapper, transform, transformIgnorePatterns, moduleFileExtensions: ['ts', 'js', 'json'] };

// testTimeout is a global option: Jest ignores it inside a project, so one generous value guards every
// project against a hang; it asserts nothing about speed (benchmarks do that).
module.exports = {
  testTimeout: 120_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
