import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type BlobStore, logFailure, Poller, readConfig } from '#platform';
import { projections } from '#read-models';
import { BLOB_STORE } from './blob-store';
import { AggregateRepository } from '#commands';
import { WorkerReads } from '../worker-reads';
import { DutyLeases } from '../stores.module';

/**
 * Removes contents no document refers to: an upload refused after its bytes were stored (a
 * wrong declared type or size) leaves them behind. Only contents older than the grace period
 * are looked at — an upload in flight is stored before its command is decided — and only
 * after the documents read model has caught up with the log. A removed document keeps its
 * content for the history; an erasure deletes it itself.
 */
@Injectable()
export class BlobSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly poller: Poller;
  private readonly graceMs: number;

  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly reads: WorkerReads,
    private readonly repository: AggregateRepository,
    leases: DutyLeases,
  ) {
    const { blobSweep } = readConfig();
    this.graceMs = blobSweep.graceMs;
    this.poller = new Poller(
      'blob-sweep',
      async () => {
        await this.sweep();
      },
      blobSweep.intervalMs,
      logFailure('blob-sweep'),
      leases.for('blob-sweep'),
    );
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  /** One sweep; answers how many contents (and half-written files) were removed. */
  async sweep(): Promise<number> {
    const before = new Date(Date.now() - this.graceMs);
    await this.reads.caughtUp(projections.documents, await this.repository.headPosition());
    let removed = await this.blobs.sweepTemporary(before);
    for await (const blob of this.blobs.list()) {
      if (this.poller.stopping) break;
      if (blob.storedAt >= before) continue;
      if (!(await this.reads.contentInUse(blob.sha256)) && (await this.blobs.delete(blob.sha256)))
        removed += 1;
    }
    return removed;
  }
}
