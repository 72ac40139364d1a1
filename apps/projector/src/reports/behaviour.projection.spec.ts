import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { purchasesProjection } from '../purchases/purchases.projection';
import { reportsProjection } from './reports.projection';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = (day: string) => `${day}T09:00:00.000Z`;
const line = (description: string, net: number) => ({
  description,
  quantity: 1,
  unitPrice: net,
  discountPercent: 0,
  vatRate: 24,
  net,
  vat: Math.round(net * 0.24),
  gross: Math.round(net * 1.24),
});
const registered: Event = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    kind: 'company',
    name: 'Kask AS',
    ownerId: 's1',
    registeredAt: at('2026-01-02'),
  },
};
const opened = (dealId: string, stageId: string, day: string): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: 'c1',
    pipelineId: 'p',
    stageId,
    title: dealId,
    value: eur(1000),
    ownerId: 's1',
    openedAt: at(day),
  },
});
const ticket = (ticketId: string, day: string, classification?: string): Event => ({
  type: 'TicketOpened',
  data: {
    ticketId,
    customerId: 'c1',
    channel: 'email',
    subject: 'Probleem',
    ...(classification ? { classification } : {}),
    priority: 'normal',
    assigneeId: 's1',
    sla: { firstResponseDue: at(day), resolutionDue: at(day) },
    openedAt: at(day),
  },
});
const campaignMessage = (emailId: string, day: string): Event[] => [
  {
    type: 'EmailQueued',
    data: {
      emailId,
      customerId: 'c1',
      to: ['info@kask.ee'],
      subject: 'Kevadpakkumine',
      text: 'Tere',
      attachments: [],
      campaignId: 'k1',
      queuedAt: at(day),
    },
  },
  {
    type: 'EmailSent',
    data: {
      emailId,
      customerId: 'c1',
      attempt: 1,
      messageId: `<${emailId}@x>`,
      response: '250',
      sentAt: at(day),
    },
  },
];

describe('behaviour facts', () => {
  it('given interactions, tickets, a campaign and the deals after it, then the month facts tell them apart; replay-safe', async () => {
    const events: Event[] = [
      registered,
      ticket('t0', '2026-03-01'),
      opened('d1', 'offer', '2026-03-02'),
      ticket('t1', '2026-03-03', 'Arveldus'),
      {
        type: 'DealStageMoved',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          pipelineId: 'p',
          fromStageId: 'offer',
          toStageId: 'contract',
          movedAt: at('2026-03-04'),
        },
      },
      ticket('t2', '2026-03-05', 'arveldus'),
      {
        type: 'ActivityScheduled',
        data: {
          activityId: 'a1',
          customerId: 'c1',
          kind: 'meeting',
          title: 'Kohtumine',
          timing: { dueOn: '2026-03-06' },
          assigneeId: 's1',
          scheduledAt: at('2026-03-01'),
        },
      },
      {
        type: 'ActivityCompleted',
        data: {
          activityId: 'a1',
          customerId: 'c1',
          outcome: 'ok',
          minutesSpent: 30,
          completedAt: at('2026-03-06'),
        },
      },
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'a2',
          customerId: 'c1',
          kind: 'call',
          summary: 'Helistas',
          minutesSpent: 5,
          occurredAt: at('2026-03-07'),
          staffId: 's1',
          loggedAt: at('2026-03-07'),
        },
      },
      ...campaignMessage('e1', '2026-03-08'),
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'a3',
          customerId: 'c1',
          kind: 'email',
          summary: 'Vastus',
          minutesSpent: 0,
          occurredAt: at('2026-03-09'),
          staffId: 's1',
          email: {
            inboundEmailId: 'm1',
            messageId: '<m1@x>',
            from: 'info@kask.ee',
            to: ['crm@firma.ee'],
            cc: [],
            subject: 'Re: Kevadpakkumine',
            text: 'Huvitav',
            documentIds: [],
            inReplyTo: { emailId: 'e1', campaignId: 'k1' },
          },
          loggedAt: at('2026-03-09'),
        },
      },
      opened('d2', 'offer', '2026-03-10'),
      {
        type: 'DealWon',
        data: { dealId: 'd1', customerId: 'c1', value: eur(1000), wonAt: at('2026-03-11') },
      },
      {
        type: 'MarketingConsentWithdrawn',
        data: {
          customerId: 'c1',
          channel: 'email',
          source: 'campaign:k1',
          withdrawnAt: at('2026-03-12'),
        },
      },
      // Long after the message: no longer the campaign's doing.
      {
        type: 'DealWon',
        data: { dealId: 'd2', customerId: 'c1', value: eur(1000), wonAt: at('2026-05-20') },
      },
      ticket('t3', '2026-05-21'),
    ];
    const { once, twice, batched } = await projectAll(
      reportsProjection,
      storedEvents(events),
      collections.customerMonths,
    );
    const march = once.find((m) => m['month'] === '2026-03')!;
    expect(march['interactions']).toEqual({ meeting: 1, call: 1, email: 1 });
    expect(Object.values(march['ticketClasses'] as object)).toEqual([
      { name: 'unclassified', count: 1 },
      { name: 'arveldus', count: 2 },
    ]);
    expect(march['ticketPhases']).toEqual({ prospect: 1, stage_offer: 1, stage_contract: 1 });
    expect(march['campaign']).toEqual({
      sent: 1,
      replies: 1,
      dealsOpened: 1,
      dealsWon: 1,
      unsubscribes: 1,
    });
    const may = once.find((m) => m['month'] === '2026-05')!;
    expect(may['campaign']).toBeUndefined();
    expect(may['ticketPhases']).toEqual({ customer: 1 });
    expect(twice).toEqual(once);
    expect(batched).toEqual(once);
  });
});

describe('purchases', () => {
  it('given sales, a credit note, a voided invoice and a prepayment, then each sale with its net and products', async () => {
    const issued = (
      invoiceId: string,
      day: string,
      lines: ReturnType<typeof line>[],
      kind = 'standard',
    ): Event => ({
      type: 'InvoiceIssued',
      data: {
        invoiceId,
        number: invoiceId,
        kind,
        customerId: 'c1',
        currency: 'EUR',
        issuedOn: day,
        dueOn: day,
        lines,
        totals: { net: 0, vat: 0, gross: 0 },
        issuedAt: at(day),
      },
    });
    const creditNote = {
      number: 'CN-1',
      issuedOn: '2026-03-05',
      lines: [{ ...line('Õunapuu', -300), quantity: -1 }],
      totals: { net: -300, vat: -72, gross: -372 },
    };
    const { once, twice, batched } = await projectAll(
      purchasesProjection,
      storedEvents([
        issued('i1', '2026-03-01', [line('Õunapuu', 1000), line('Istutus', 500)]),
        {
          type: 'CreditNoteIssued',
          data: {
            invoiceId: 'i1',
            customerId: 'c1',
            number: 'i1',
            creditNoteId: 'n1',
            currency: 'EUR',
            creditNote,
            creditedLines: [{ line: 0, quantity: 1 }],
            reason: 'viga',
            issuedAt: at('2026-03-05'),
          },
        },
        issued('i2', '2026-03-02', [line('Pirnipuu', 700)]),
        {
          type: 'InvoiceVoided',
          data: {
            invoiceId: 'i2',
            customerId: 'c1',
            number: 'i2',
            reason: 'viga',
            creditNote,
            voidedAt: at('2026-03-06'),
          },
        },
        issued('i3', '2026-03-03', [line('Ettemaks', 900)], 'prepayment'),
      ]),
      collections.purchases,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'i1',
        net: 1200,
        products: ['ounapuu', 'istutus'],
        void: false,
      }),
      expect.objectContaining({ _id: 'i2', net: 700, void: true }),
    ]);
    expect(twice).toEqual(once);
    expect(batched).toEqual(once);
  });
});
