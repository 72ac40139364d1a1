import { eventStoreContract } from '../event-store.features';
import { EsdbEventStore } from './esdb-event-store';

const url = process.env['EVENTSTORE_URL'];

if (url) {
  eventStoreContract('esdb', () => Promise.resolve(new EsdbEventStore(url)));
} else {
  describe('event store contract: esdb', () => {
    it.skip('SKIPPED: EVENTSTORE_URL is not set, so no EventStoreDB/KurrentDB server is available', () =>
      undefined);
  });
  process.stdout.write(
    'esdb event store contract skipped: set EVENTSTORE_URL (e.g. esdb://127.0.0.1:2113?tls=false) to run it\n',
  );
}
