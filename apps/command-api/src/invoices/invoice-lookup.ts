import { projections } from '#read-models';
import { type CommandReads } from '#commands';

/** An open invoice a bank statement line may pay: what matching compares. */
export type OpenInvoice = { invoiceId: string; customerId: string; customerName: string };

/**
 * The invoices read model as the invoicing commands consult it (ADR 0019): to find the
 * prepayments of a deal and the invoices a bank payment may be for. It only proposes: every
 * invoice found is loaded from its own stream and decided on there. Each question waits,
 * bounded, until the projection has applied every event stored when it was asked.
 */
export class InvoiceLookup {
  constructor(private readonly reads: CommandReads) {}

  async caughtUp(position: number): Promise<void> {
    await this.reads.caughtUp(projections.invoices, position);
    await this.reads.caughtUp(projections.customers, position);
  }

  /** The prepayment invoices issued for a deal, oldest first. */
  prepaymentsOfDeal(dealId: string): Promise<string[]> {
    return this.reads.prepaymentsOfDeal(dealId);
  }

  /** Issued invoices with this payment reference. */
  byReference(reference: string): Promise<string[]> {
    return this.reads.invoicesByReference(reference);
  }

  /** A customer's name as the customer read model has it ('' when unknown or erased). */
  customerName(customerId: string): Promise<string> {
    return this.reads.customerName(customerId);
  }

  /** Invoices still owing exactly `amount` in `currency`, with their customers' names. */
  async owing(amount: number, currency: string): Promise<OpenInvoice[]> {
    const out: OpenInvoice[] = [];
    for (const doc of await this.reads.invoicesOwing(amount, currency))
      out.push({
        invoiceId: doc._id,
        customerId: doc.customerId,
        customerName: await this.reads.customerName(doc.customerId),
      });
    return out;
  }
}
