import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  AggregateRepository,
  EVENT_STORE,
  KEY_STORE,
  READ_STORE,
  ReadSide,
  storeProviders,
} from '#commands';
import { type EventStore } from '#event-store';
import { type ReadStore } from '#read-store';

/** The stores every duty works on, opened once per process and closed at its end. */
@Global()
@Module({
  providers: storeProviders,
  exports: [EVENT_STORE, READ_STORE, KEY_STORE, AggregateRepository, ReadSide],
})
export class StoresModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  async onApplicationShutdown() {
    await this.reads.close();
    await this.events.close();
  }
}
