/** Enforces DESIGN.md's dependency direction: apps -> libs/projections, libs/event-store -> libs/domain. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no database, no I/O modules.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: {
        path: [
          'node_modules/@nestjs',
          'node_modules/better-sqlite3',
          'node_modules/pg',
          'node_modules/kysely',
          'node_modules/@eventstore',
          '^libs/(event-store|projections|workload)',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain', pathNot: '\\.(spec|testing)\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|worker_threads)$' },
    },
    {
      name: 'config-is-a-leaf',
      comment: 'libs/config parses the environment: it may use libs/domain and zod, and every other module may use it.',
      severity: 'error',
      from: { path: '^libs/config' },
      to: { path: ['^libs/(event-store|projections)', '^apps/', 'node_modules/@nestjs'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another',
      comment:
        'Each app is built from libs alone: what two apps need lives in libs (the use cases and their validation in libs/application, ' +
        'the server configuration in libs/server-config, the NATS consumer in libs/broker, the control database and key store in libs/control). ' +
        'ashiato serve and demo --serve start the API as a process of its own (apps/cli/src/serve/run-api.ts), not by importing it.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'event-store-not-projections',
      severity: 'error',
      from: { path: '^libs/event-store' },
      to: { path: '^libs/projections' },
    },
    {
      name: 'workload-only-domain',
      comment: 'The history generator is pure: it builds events from policies, and reads or writes nothing.',
      severity: 'error',
      from: { path: '^libs/workload' },
      to: { path: ['^libs/(event-store|projections)', 'node_modules/@nestjs'] },
    },
    {
      name: 'workload-no-node-io',
      severity: 'error',
      from: { path: '^libs/workload' },
      to: { dependencyTypes: ['core'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^dist/', '^apps/dashboard/'] },
  },
};
