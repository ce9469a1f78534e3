export * from './broker-ingest';
export * from './broker.port';
export * from './nats/nats-event-source';
export * from './start-broker-ingest';
