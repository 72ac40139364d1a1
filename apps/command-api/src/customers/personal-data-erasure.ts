import { Inject, Injectable } from '@nestjs/common';
import { customerDecider, leadsOf } from '#domain';
import { type KeyStore } from '#event-store';
import { customerKeySubject, leadKeySubject } from '#events';
import { type BlobStore } from '#platform';
import { projections } from '#read-models';
import { BLOB_STORE } from '../documents/documents';
import { AggregateRepository, CommandReads } from '#commands';
import { KEY_STORE } from '#commands';

/**
 * What an erasure destroys before it is recorded: the keys that sealed the customer's
 * personal data (and those of the leads it came from), then the contents of its documents
 * that no other customer's document shares. A retry after a failure in between destroys what
 * is left.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async erase(customerId: string): Promise<void> {
    const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
    if (state.status === 'none') return;
    await this.keys.destroy(customerKeySubject(customerId));
    for (const leadId of leadsOf(state)) await this.keys.destroy(leadKeySubject(leadId));
    this.repository.forgetAll();
    await this.deleteContents(customerId);
  }

  private async deleteContents(customerId: string) {
    // Every document attached so far must be in the read model before it is consulted.
    await this.reads.caughtUp(projections.documents, await this.repository.headPosition());
    for (const sha256 of await this.reads.documentContents(customerId))
      if (!(await this.reads.contentSharedBeyond(sha256, customerId)))
        await this.blobs.delete(sha256);
  }
}
