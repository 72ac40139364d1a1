import {
  collections,
  type CustomerDoc,
  type InvoiceDoc,
  invoiceStatusRank,
  projections,
} from '#read-models';
import { findAll } from '#read-store';
import { type ReadSide } from '#commands';

/** An open invoice a bank statement line may pay: what matching compares. */
export type OpenInvoice = { invoiceId: string; customerId: string; customerName: string };

const open = [invoiceStatusRank.issued, invoiceStatusRank.sent, invoiceStatusRank.partially_paid];

/**
 * The invoices read model as the invoicing commands consult it (ADR 0019): to find the
 * prepayments of a deal and the invoices a bank payment may be for. It only proposes: every
 * invoice found is loaded from its own stream and decided on there. Each question waits,
 * bounded, until the projection has applied every event stored when it was asked.
 */
export class InvoiceLookup {
  constructor(private readonly reads: ReadSide) {}

  async caughtUp(position: number): Promise<void> {
    await this.reads.caughtUp(projections.invoices, position);
    await this.reads.caughtUp(projections.customers, position);
  }

  /** The prepayment invoices issued for a deal, oldest first. */
  async prepaymentsOfDeal(dealId: string): Promise<string[]> {
    const docs = await findAll<InvoiceDoc>(
      this.reads.store,
      collections.invoices,
      { dealId, kind: 'prepayment', draft: false },
      [
        ['issuedOn', 1],
        ['_id', 1],
      ],
    );
    return docs.map((d) => d._id);
  }

  /** Issued invoices with this payment reference. */
  async byReference(reference: string): Promise<string[]> {
    const docs = await findAll<InvoiceDoc>(
      this.reads.store,
      collections.invoices,
      { paymentReference: reference },
      [['_id', 1]],
    );
    return docs.map((d) => d._id);
  }

  /** A customer's name as the customer read model has it ('' when unknown or erased). */
  async customerName(customerId: string): Promise<string> {
    const customer = await this.reads.store.get<CustomerDoc>(collections.customers, customerId);
    return customer?.name ?? '';
  }

  /** Invoices still owing exactly `amount` in `currency`, with their customers' names. */
  async owing(amount: number, currency: string): Promise<OpenInvoice[]> {
    const docs = await findAll<InvoiceDoc>(
      this.reads.store,
      collections.invoices,
      { statusRank: { $in: open }, currency, outstanding: amount },
      [['_id', 1]],
    );
    const out: OpenInvoice[] = [];
    for (const doc of docs) {
      const customer = await this.reads.store.get<CustomerDoc>(
        collections.customers,
        doc.customerId,
      );
      out.push({
        invoiceId: doc._id,
        customerId: doc.customerId,
        customerName: customer?.name ?? '',
      });
    }
    return out;
  }
}
