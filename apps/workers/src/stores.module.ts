import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AggregateRepository,
  CommandReads,
  EVENT_STORE,
  KEY_STORE,
  READ_STORE,
  storeProviders,
} from '#commands';
import { type EventStore } from '#event-store';
import { type BlobStore, FsBlobStore, readConfig } from '#platform';
import { LeaseKeeper, processHolder, type ReadStore } from '#read-store';
import { BLOB_STORE } from './documents/blob-store';
import { DutyRecords, WorkerReads } from './worker-reads';

/**
 * The leases of this process's duties (ADR 0026), one per duty, kept in the read store: of two
 * copies of the workers, each duty runs in the one that holds its lease.
 */
@Injectable()
export class DutyLeases {
  private readonly keepers = new Map<string, LeaseKeeper>();
  private readonly holder = processHolder();

  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  /** The duty's lease, taken (and renewed) in the background from the first call on. */
  for(duty: string): LeaseKeeper {
    let keeper = this.keepers.get(duty);
    if (!keeper) {
      keeper = new LeaseKeeper(this.reads, `worker:${duty}`, {
        ttlMs: readConfig().leaseTtlMs,
        holder: this.holder,
        onChange: (held) => {
          new Logger(duty).log(held ? 'duty taken (lease held)' : 'duty standing by');
        },
      });
      this.keepers.set(duty, keeper);
      void keeper.start();
    }
    return keeper;
  }

  /** Gives every lease up, so that the other copy takes the duties over at once. */
  async stop(): Promise<void> {
    await Promise.all([...this.keepers.values()].map((k) => k.stop()));
  }
}

/** The stores every duty works on (events, read models, keys, blobs), opened once per process. */
@Global()
@Module({
  providers: [
    ...storeProviders,
    DutyLeases,
    WorkerReads,
    DutyRecords,
    {
      provide: BLOB_STORE,
      useFactory: (): BlobStore => new FsBlobStore(readConfig().blobStorePath),
    },
  ],
  exports: [
    EVENT_STORE,
    READ_STORE,
    KEY_STORE,
    AggregateRepository,
    // The registry fetch's handler asks whether another customer has a code it imports.
    CommandReads,
    DutyLeases,
    WorkerReads,
    DutyRecords,
    BLOB_STORE,
  ],
})
export class StoresModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly leases: DutyLeases,
  ) {}

  async onApplicationShutdown() {
    await this.leases.stop();
    await this.reads.close();
    await this.events.close();
  }
}
