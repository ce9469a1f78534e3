import { EsdbEventStore } from '@ashiato/event-store';
import { describeEventStoreConformance } from './event-store.conformance';

/**
 * Runs the same suite against EventStoreDB when EVENTSTORE_URL is set (e.g. `docker compose up
 * eventstore` and EVENTSTORE_URL=esdb://localhost:2113?tls=false). No ESDB server can be installed on
 * the build machines, so there the suite reports one visible skipped test instead of passing silently.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreConformance('EventStoreDB', () => new EsdbEventStore({ connectionString: url }));
} else {
  console.warn('EventStoreDB conformance suite skipped: EVENTSTORE_URL is not set (no EventStoreDB server here).');
  describe('EventStore conformance: EventStoreDB', () => {
    it.skip('skipped: EVENTSTORE_URL is not set, so no EventStoreDB server is available to run the conformance suite against', () => {});
  });
}
