import {
  collections,
  type CustomerDoc,
  type DocumentDoc,
  type InvoiceDoc,
  invoiceStatusRank,
  type PortfolioItemDoc,
  type SearchTermDoc,
  type StaffDoc,
  words,
} from '#read-models';
import { findAll, type ReadStore } from '#read-store';

/** The read side is behind the position a command needs it at; retrying later succeeds. */
export class ReadSideBehindError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
  ) {
    super(`The ${projection} read model has not reached position ${position} yet; retry`);
    this.name = 'ReadSideBehindError';
  }
}

/**
 * Commands whose rules span many streams (no open deal left in a stage, what a leaving member
 * owns) consult a read model, after waiting until it has applied every event they depend on.
 */
export class ReadSide {
  constructor(
    readonly store: ReadStore,
    private readonly maxWaitMs = 30_000,
  ) {}

  async caughtUp(projection: string, position: number): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      const saved = await this.store.checkpoints();
      const reached = saved.find((c) => c.name === projection)?.position ?? 0;
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new ReadSideBehindError(projection, position);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * The read models as command handling may consult them: a few named questions, each with its
 * reason in an ADR, and no handle to the read store itself. A decision is never taken on a
 * read model alone; these questions find candidates or counts that the command then checks
 * against streams (ADR 0008, 0009, 0014, 0019, 0025).
 */
export class CommandReads {
  private readonly waiting: ReadSide;

  constructor(
    private readonly store: ReadStore,
    maxWaitMs?: number,
  ) {
    this.waiting = new ReadSide(store, maxWaitMs);
  }

  /** Resolves once `projection` has applied every event up to `position` (bounded wait). */
  caughtUp(projection: string, position: number): Promise<void> {
    return this.waiting.caughtUp(projection, position);
  }

  /** RemoveStage, ArchivePipeline: the open deals still in a stage, or a pipeline (ADR 0009). */
  openDealsIn(pipelineId: string, stageId?: string): Promise<number> {
    return this.store.count(collections.deals, {
      pipelineId,
      ...(stageId ? { stageId } : {}),
      status: 'open',
    });
  }

  /** A hand-over: what a leaving member still owns, in a stable order (ADR 0008). */
  async openPortfolio(staffId: string): Promise<Pick<PortfolioItemDoc, 'kind' | 'itemId'>[]> {
    const docs = await findAll<PortfolioItemDoc>(
      this.store,
      collections.portfolio,
      { ownerId: staffId, open: true },
      [['_id', 1]],
    );
    return docs.map((d) => ({ kind: d.kind, itemId: d.itemId }));
  }

  /** The admin roster's first seed: the active members with the admin role (ADR 0025). */
  async activeAdmins(): Promise<string[]> {
    const staff = await findAll<StaffDoc>(this.store, collections.staff, { status: 'active' });
    return staff.filter((s) => s.roles.includes('admin')).map((s) => s._id);
  }

  /** An erasure: the contents of a customer's documents, by hash (ADR 0014, 0025). */
  async documentContents(customerId: string): Promise<string[]> {
    const documents = await findAll<DocumentDoc>(
      this.store,
      collections.documents,
      { customerId },
      [['attachedAt', 1]],
    );
    return [...new Set(documents.map((d) => d.sha256))];
  }

  /** An erasure: whether another customer's document shares these contents. */
  async contentSharedBeyond(sha256: string, customerId: string): Promise<boolean> {
    const shared = await this.store.count(collections.documents, {
      sha256,
      customerId: { $ne: customerId },
    });
    return shared > 0;
  }

  /** Invoicing (ADR 0019): the prepayment invoices issued for a deal, oldest first. */
  async prepaymentsOfDeal(dealId: string): Promise<string[]> {
    const docs = await findAll<InvoiceDoc>(
      this.store,
      collections.invoices,
      { dealId, kind: 'prepayment', draft: false },
      [
        ['issuedOn', 1],
        ['_id', 1],
      ],
    );
    return docs.map((d) => d._id);
  }

  /** Bank statements (ADR 0019): issued invoices with this payment reference. */
  async invoicesByReference(reference: string): Promise<string[]> {
    const docs = await findAll<InvoiceDoc>(
      this.store,
      collections.invoices,
      { paymentReference: reference },
      [['_id', 1]],
    );
    return docs.map((d) => d._id);
  }

  /** Bank statements (ADR 0019): open invoices still owing exactly `amount` in `currency`. */
  async invoicesOwing(amount: number, currency: string): Promise<InvoiceDoc[]> {
    return findAll<InvoiceDoc>(
      this.store,
      collections.invoices,
      { statusRank: { $in: openRanks }, currency, outstanding: amount },
      [['_id', 1]],
    );
  }

  /**
   * A call (POST /calls): the customers with a phone whose digits end with `nationalDigits`,
   * from the search index (ADR 0025); the command compares the numbers on their streams.
   */
  async customersWithPhoneEnding(nationalDigits: string): Promise<string[]> {
    const terms = await findAll<SearchTermDoc>(this.store, collections.searchTerms, {
      term: nationalDigits,
      field: 'phones',
    });
    return [
      ...new Set(terms.map((t) => t.customerId).filter((id) => !id.startsWith('lead:'))),
    ].sort();
  }

  /**
   * RegisterCustomer: the customers whose registry code is `registryCode`, from the search
   * index as it stands (ADR 0025: asked without waiting), archived ones too; the command
   * compares the codes on their streams.
   */
  async customersWithRegistryCode(registryCode: string): Promise<string[]> {
    const [term] = words(registryCode);
    if (!term) return [];
    const terms = await findAll<SearchTermDoc>(this.store, collections.searchTerms, {
      term,
      field: 'registry',
    });
    return [
      ...new Set(terms.map((t) => t.customerId).filter((id) => !id.startsWith('lead:'))),
    ].sort();
  }

  /** A customer's name as the customer read model has it ('' when unknown or erased). */
  async customerName(customerId: string): Promise<string> {
    const customer = await this.store.get<CustomerDoc>(collections.customers, customerId);
    return customer?.name ?? '';
  }
}

const openRanks = [
  invoiceStatusRank.issued,
  invoiceStatusRank.sent,
  invoiceStatusRank.partially_paid,
];
