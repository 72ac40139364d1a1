import { Inject, Injectable } from '@nestjs/common';
import { customerDecider } from '#domain';
import { type KeyStore } from '#event-store';
import { customerKeySubject, leadKeySubject } from '#events';
import { type BlobStore } from '#platform';
import { collections, type DocumentDoc, projections } from '#read-models';
import { findAll } from '#read-store';
import { BLOB_STORE } from '../documents/documents';
import { AggregateRepository, ReadSide } from '#commands';
import { KEY_STORE } from '#commands';

/**
 * What an erasure destroys before it is recorded: the keys that sealed the customer's
 * personal data (and its source lead's), then the contents of its documents that no other
 * customer's document shares. A retry after a failure in between destroys what is left.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: ReadSide,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async erase(customerId: string): Promise<void> {
    const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
    if (state.status === 'none') return;
    await this.keys.destroy(customerKeySubject(customerId));
    if (state.sourceLeadId) await this.keys.destroy(leadKeySubject(state.sourceLeadId));
    this.repository.forgetAll();
    await this.deleteContents(customerId);
  }

  private async deleteContents(customerId: string) {
    // Every document attached so far must be in the read model before it is consulted.
    await this.reads.caughtUp(projections.documents, await this.repository.headPosition());
    const store = this.reads.store;
    const documents = await findAll<DocumentDoc>(store, collections.documents, { customerId }, [
      ['attachedAt', 1],
    ]);
    for (const sha256 of new Set(documents.map((d) => d.sha256))) {
      const shared = await store.count(collections.documents, {
        sha256,
        customerId: { $ne: customerId },
      });
      if (shared === 0) await this.blobs.delete(sha256);
    }
  }
}
