import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentSchemaVersion, type Event, type KroonikaEventType } from '#events';
import { type AppendResult, type EventStore, type NewEvent } from '../event-store.port';
import { SqliteKeyStore } from './sqlite-key-store';

const at = '2026-03-02T10:00:00.000Z';

/** Every personal value in {@link personalHistory}: none may be readable after an erasure. */
export const personalValues = [
  'Mari',
  'Maasikas',
  'mari@maasikas.ee',
  '555 1234',
  'Tamme',
  'Tartu',
  '1980-05-01',
  'sailing',
  'prefers calls',
  'Jaan',
  'Kuusk',
  'jaan@kuusk.ee',
  'divorced',
  'Discussed her loan',
  'Agreed a meeting',
  'bring the signed copy',
  'wrong address',
  'Sent the corrected one',
  'Corrected and resent',
  'Maasika FIE',
  'Kase 7',
  'passport',
  'Deal from lead (fair)',
  'Follow-up call',
  'example.com',
  'Invoice question',
  'referred three friends',
  'about the loan',
  'pays in two parts',
  'asked us to remove',
  'Kitchen for her flat',
  'her budget shrank',
  'after her holiday',
  'Call her sister',
  'she called first',
  'she asked for Anna',
  'signed at her kitchen',
  'her floor was not ready',
  'left with her neighbour',
  'Second kitchen',
  'she found it cheaper',
  'she came back',
  'her bank reference',
  'she paid twice',
  'two chairs returned',
  'her order was cancelled',
  'her draft was wrong',
  'her flu',
  'she moved abroad',
  'her husband takes over',
  'Her parcel',
  'she disputes the priority',
  'she asked again',
  'she closed it herself',
  'Cleaning of her office',
  'twice a month at her office',
  'she ended it early',
  'she asked to pause',
  'she returned to us',
  'her assistant left',
  'loves sailing boats',
  'her second boat',
  'Maasika sailing club',
];

/** A customer converted from a lead, with personal data in every kind of event that holds it. */
export const personalHistory = (ids: {
  customerId: string;
  leadId: string;
  ownerId: string;
}): [stream: string, event: Event][] => {
  const { customerId, leadId, ownerId } = ids;
  const on = { customerId };
  return [
    [
      `lead-${leadId}`,
      {
        type: 'LeadCreated',
        data: {
          leadId,
          personName: 'Mari Maasikas',
          companyName: 'Maasika FIE',
          email: 'mari@maasikas.ee',
          phone: '+372 555 1234',
          source: 'fair',
          ownerId,
          createdAt: at,
        },
      },
    ],
    [
      `lead-${leadId}`,
      {
        type: 'LeadDetailsChanged',
        data: {
          leadId,
          personName: 'Mari Maasikas',
          companyName: 'Maasika FIE',
          email: 'mari@maasikas.ee',
          phone: '+372 555 1234',
          changed: ['email'],
          changedAt: at,
        },
      },
    ],
    [
      `lead-${leadId}`,
      { type: 'LeadQualified', data: { leadId, note: 'recently divorced', qualifiedAt: at } },
    ],
    [
      `lead-${leadId}`,
      {
        type: 'LeadConverted',
        data: { leadId, customerId, dealId: 'd1', pipelineId: 'p1', convertedAt: at },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'CustomerRegistered',
        data: {
          customerId,
          kind: 'person',
          name: 'Mari Maasikas',
          email: 'mari@maasikas.ee',
          phone: '+372 555 1234',
          address: { street: 'Tamme 5', city: 'Tartu' },
          ownerId,
          sourceLeadId: leadId,
          registeredAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'CustomerProfileUpdated',
        data: {
          ...on,
          changes: {
            name: 'Mari Maasikas-Kask',
            emails: ['mari@maasikas.ee'],
            phones: ['+372 555 1234'],
            addresses: [{ label: 'home', street: 'Kase 7', city: 'Tartu' }],
            website: 'https://example.com',
            demographic: { birthDate: '1980-05-01', children: 2, homeCity: 'Tartu' },
            psychographic: { interests: ['sailing'], notes: 'prefers calls' },
          },
          updatedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'ContactPersonAdded',
        data: {
          ...on,
          contactId: 'k1',
          name: 'Jaan Tamm',
          role: 'CFO',
          email: 'jaan@tamm.ee',
          phone: '+372 555 1234',
          addedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'ContactPersonUpdated',
        data: {
          ...on,
          contactId: 'k1',
          changes: { name: 'Jaan Kuusk', email: 'jaan@kuusk.ee', phone: null },
          updatedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'RegistryDataImported',
        data: {
          ...on,
          facts: {
            registry: 'EE',
            registryCode: '90000001',
            legalName: 'Maasika FIE',
            address: { street: 'Kase 7', city: 'Tartu' },
          },
          importedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      { type: 'CustomerTagged', data: { ...on, tags: ['vip'], taggedAt: at } },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'CustomerCategorized',
        data: {
          ...on,
          category: 'top',
          previousCategory: null,
          reason: 'She referred three friends',
          categorizedAt: at,
        },
      },
    ],
    [
      `deal-d1`,
      {
        type: 'DealOpened',
        data: {
          dealId: 'd1',
          ...on,
          pipelineId: 'p1',
          stageId: 's1',
          title: 'Deal from lead (fair)',
          value: { amount: 125000, currency: 'EUR' },
          ownerId,
          sourceLeadId: leadId,
          openedAt: at,
        },
      },
    ],
    [
      `deal-d1`,
      {
        type: 'DealRenamed',
        data: {
          dealId: 'd1',
          ...on,
          title: 'Loan for Maasika FIE',
          previousTitle: 'Deal from lead (fair)',
          renamedAt: at,
        },
      },
    ],
    [
      `deal-d1`,
      {
        type: 'DealNextActionScheduled',
        data: {
          dealId: 'd1',
          ...on,
          dueOn: '2026-03-09',
          description: 'Ask her about the loan',
        },
      },
    ],
    [
      `deal-d1`,
      {
        type: 'OfferMade',
        data: {
          dealId: 'd1',
          ...on,
          offerId: 'o1',
          version: 1,
          lines: [
            {
              kind: 'service',
              description: 'Consulting',
              quantity: 1,
              unitPrice: 100000,
              discountPercent: 0,
              vatRate: 24,
              net: 100000,
              vat: 24000,
              gross: 124000,
            },
          ],
          currency: 'EUR',
          totals: { net: 100000, vat: 24000, gross: 124000 },
          terms: 'She pays in two parts',
          validUntil: '2026-04-01',
          madeAt: at,
        },
      },
    ],
    [
      `deal-d1`,
      {
        type: 'OfferRejected',
        data: {
          dealId: 'd1',
          ...on,
          offerId: 'o1',
          version: 1,
          reason: 'She prefers calls',
          rejectedAt: at,
        },
      },
    ],
    [
      'activity-a1',
      {
        type: 'ActivityScheduled',
        data: {
          activityId: 'a1',
          ...on,
          kind: 'call',
          title: 'Follow-up call',
          notes: 'bring the signed copy',
          timing: { dueOn: '2026-03-05' },
          assigneeId: ownerId,
          scheduledAt: at,
        },
      },
    ],
    [
      'activity-a1',
      {
        type: 'ActivityCompleted',
        data: {
          activityId: 'a1',
          ...on,
          outcome: 'Agreed a meeting',
          minutesSpent: 15,
          completedAt: at,
        },
      },
    ],
    [
      'activity-a2',
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'a2',
          ...on,
          kind: 'call',
          summary: 'Discussed her loan',
          minutesSpent: 45,
          occurredAt: at,
          staffId: ownerId,
          call: { direction: 'inbound', number: '+37255512345', durationSeconds: 2700 },
          loggedAt: at,
        },
      },
    ],
    [
      'ticket-t1',
      {
        type: 'TicketOpened',
        data: {
          ticketId: 't1',
          ...on,
          channel: 'email',
          subject: 'Invoice question',
          description: 'Her invoice went to the wrong address',
          priority: 'normal',
          assigneeId: ownerId,
          sla: { firstResponseDue: at, resolutionDue: at },
          openedAt: at,
        },
      },
    ],
    [
      'ticket-t1',
      {
        type: 'TicketResponded',
        data: {
          ticketId: 't1',
          ...on,
          message: 'Sent the corrected one',
          channel: 'email',
          first: true,
          staffId: ownerId,
          respondedAt: at,
        },
      },
    ],
    [
      'invoice-i1',
      {
        type: 'InvoiceSent',
        data: {
          invoiceId: 'i1',
          ...on,
          number: '2026-000001',
          channel: 'email',
          recipient: 'mari@maasikas.ee',
          sentAt: at,
        },
      },
    ],
    [
      'email-m1',
      {
        type: 'EmailQueued',
        data: {
          emailId: 'm1',
          ...on,
          to: ['mari@maasikas.ee'],
          subject: 'Tere Mari',
          text: 'Kas teisipäev sobib?',
          attachments: [],
          queuedAt: at,
        },
      },
    ],
    [
      'email-m1',
      {
        type: 'EmailFailed',
        data: {
          emailId: 'm1',
          ...on,
          attempt: 1,
          error: '550 <mari@maasikas.ee> no such user',
          permanent: true,
          failedAt: at,
        },
      },
    ],
    [
      'document-doc1',
      {
        type: 'DocumentAttached',
        data: {
          documentId: 'doc1',
          ...on,
          link: { kind: 'customer', id: customerId },
          name: 'passport scan.pdf',
          mediaType: 'application/pdf',
          size: 1200,
          sha256: 'a'.repeat(64),
          attachedAt: at,
        },
      },
    ],
    [
      'document-doc1',
      {
        type: 'DocumentRemoved',
        data: {
          documentId: 'doc1',
          ...on,
          name: 'passport scan.pdf',
          reason: 'She asked us to remove it',
          removedAt: at,
        },
      },
    ],
    [
      'ticket-t1',
      {
        type: 'TicketResolved',
        data: { ticketId: 't1', ...on, resolution: 'Corrected and resent', resolvedAt: at },
      },
    ],
    ...secondDeal(ids),
    ...money(ids),
    ...workAndService(ids),
    [
      `customer-${customerId}`,
      {
        type: 'CustomerReassigned',
        data: {
          ...on,
          fromStaffId: ownerId,
          toStaffId: 'staff-2',
          handOver: true,
          reason: 'her assistant left',
          reassignedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      { type: 'CustomerArchived', data: { ...on, reason: 'she moved abroad', archivedAt: at } },
    ],
    [
      `customer-${customerId}`,
      { type: 'CustomerRestored', data: { ...on, reason: 'she returned to us', restoredAt: at } },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'ContactPersonRemoved',
        data: { ...on, contactId: 'k1', reason: 'her husband takes over', removedAt: at },
      },
    ],
  ];
};

type Ids = { customerId: string; leadId: string; ownerId: string };
type Scripted = [stream: string, event: Event][];

/** A second deal: won with its order, and a third lost and reopened — reasons and notes in each step. */
const secondDeal = ({ customerId, ownerId }: Ids): Scripted => {
  const on = { customerId };
  const value = { amount: 500000, currency: 'EUR' };
  return [
    [
      'deal-d2',
      {
        type: 'DealOpened',
        data: {
          dealId: 'd2',
          ...on,
          pipelineId: 'p1',
          stageId: 's1',
          title: 'Kitchen for her flat',
          value,
          ownerId,
          openedAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealValueChanged',
        data: {
          dealId: 'd2',
          ...on,
          value: { amount: 400000, currency: 'EUR' },
          previousValue: value,
          reason: 'her budget shrank',
          changedAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealExpectedCloseChanged',
        data: {
          dealId: 'd2',
          ...on,
          from: null,
          to: '2026-05-01',
          reason: 'after her holiday',
          changedAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealNextActionScheduled',
        data: { dealId: 'd2', ...on, dueOn: '2026-03-20', description: 'Call her sister' },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealNextActionCleared',
        data: { dealId: 'd2', ...on, reason: 'she called first', clearedAt: at },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealReassigned',
        data: {
          dealId: 'd2',
          ...on,
          fromStaffId: ownerId,
          toStaffId: 'staff-2',
          handOver: false,
          reason: 'she asked for Anna',
          reassignedAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealWon',
        data: {
          dealId: 'd2',
          ...on,
          value: { amount: 400000, currency: 'EUR' },
          note: 'signed at her kitchen',
          wonAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'OrderPlaced',
        data: { dealId: 'd2', ...on, orderId: 'o2', promisedOn: '2026-04-01', placedAt: at },
      },
    ],
    [
      'deal-d2',
      {
        type: 'OrderPromiseChanged',
        data: {
          dealId: 'd2',
          ...on,
          orderId: 'o2',
          from: '2026-04-01',
          to: '2026-04-15',
          reason: 'her floor was not ready',
          changedAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'OrderStatusChanged',
        data: {
          dealId: 'd2',
          ...on,
          orderId: 'o2',
          from: 'confirmed',
          to: 'shipped',
          on: '2026-04-10',
          note: 'left with her neighbour',
          changedAt: at,
        },
      },
    ],
    [
      'deal-d3',
      {
        type: 'DealOpened',
        data: {
          dealId: 'd3',
          ...on,
          pipelineId: 'p1',
          stageId: 's1',
          title: 'Second kitchen',
          value,
          ownerId,
          openedAt: at,
        },
      },
    ],
    [
      'deal-d3',
      {
        type: 'DealLost',
        data: { dealId: 'd3', ...on, reason: 'she found it cheaper', lostAt: at },
      },
    ],
    [
      'deal-d3',
      {
        type: 'DealReopened',
        data: { dealId: 'd3', ...on, stageId: 's1', reason: 'she came back', reopenedAt: at },
      },
    ],
  ];
};

const line = (description: string, net: number) => ({
  description,
  quantity: 1,
  unitPrice: net,
  discountPercent: 0,
  vatRate: 24,
  net,
  vat: net * 0.24,
  gross: net * 1.24,
});

/** An invoice paid, refunded, partly credited and voided; a draft discarded. */
const money = ({ customerId }: Ids): Scripted => {
  const on = { customerId };
  const lines = [line('Chairs', 10000), line('Table', 20000)];
  const totals = { net: 30000, vat: 7200, gross: 37200 };
  const credited = {
    number: 'CN-2026-000001',
    issuedOn: '2026-03-12',
    lines: [line('Chairs', 10000)],
    totals: { net: 10000, vat: 2400, gross: 12400 },
  };
  return [
    [
      'invoice-i2',
      {
        type: 'InvoiceIssued',
        data: {
          invoiceId: 'i2',
          number: '2026-000002',
          kind: 'standard',
          ...on,
          dealId: 'd2',
          currency: 'EUR',
          issuedOn: '2026-03-02',
          dueOn: '2026-03-16',
          lines,
          totals,
          paymentReference: '20260000026',
          issuedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'PaymentRecorded',
        data: {
          invoiceId: 'i2',
          ...on,
          paymentId: 'bank-1',
          amount: 37200,
          currency: 'EUR',
          paidOn: '2026-03-05',
          reference: 'her bank reference',
          outstanding: 0,
          overpaid: 0,
          recordedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'PaymentRecorded',
        data: {
          invoiceId: 'i2',
          ...on,
          paymentId: 'bank-2',
          amount: 37200,
          currency: 'EUR',
          paidOn: '2026-03-06',
          outstanding: 0,
          overpaid: 37200,
          recordedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'RefundRecorded',
        data: {
          invoiceId: 'i2',
          ...on,
          refundId: 'bank-3',
          amount: 37200,
          currency: 'EUR',
          refundedOn: '2026-03-08',
          reason: 'she paid twice',
          recordedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'CreditNoteIssued',
        data: {
          invoiceId: 'i2',
          ...on,
          number: '2026-000002',
          creditNoteId: 'cn1',
          currency: 'EUR',
          creditNote: credited,
          creditedLines: [{ line: 1, quantity: 1 }],
          reason: 'two chairs returned',
          issuedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'RefundRecorded',
        data: {
          invoiceId: 'i2',
          ...on,
          refundId: 'bank-4',
          amount: 24800,
          currency: 'EUR',
          refundedOn: '2026-03-13',
          reason: 'her order was cancelled',
          recordedAt: at,
        },
      },
    ],
    [
      'invoice-i2',
      {
        type: 'InvoiceVoided',
        data: {
          invoiceId: 'i2',
          ...on,
          number: '2026-000002',
          reason: 'her order was cancelled',
          creditNote: {
            ...credited,
            number: 'CN-2026-000002',
            lines: [line('Table', 20000)],
            totals: { net: 20000, vat: 4800, gross: 24800 },
          },
          voidedAt: at,
        },
      },
    ],
    [
      'invoice-i3',
      {
        type: 'InvoiceDrafted',
        data: {
          invoiceId: 'i3',
          kind: 'standard',
          ...on,
          currency: 'EUR',
          lines,
          totals,
          draftedAt: at,
        },
      },
    ],
    [
      'invoice-i3',
      {
        type: 'InvoiceDraftDiscarded',
        data: { invoiceId: 'i3', ...on, reason: 'her draft was wrong', discardedAt: at },
      },
    ],
  ];
};

/** An activity moved, handed on and cancelled; a ticket reclassified, handed on, closed and reopened; an agreement made and ended. */
const workAndService = ({ customerId, ownerId }: Ids): Scripted => {
  const on = { customerId };
  const sla = { firstResponseDue: at, resolutionDue: at };
  return [
    [
      'activity-a3',
      {
        type: 'ActivityScheduled',
        data: {
          activityId: 'a3',
          ...on,
          kind: 'meeting',
          title: 'Her parcel',
          timing: { dueOn: '2026-03-06' },
          assigneeId: ownerId,
          scheduledAt: at,
        },
      },
    ],
    [
      'activity-a3',
      {
        type: 'ActivityRescheduled',
        data: {
          activityId: 'a3',
          ...on,
          from: { dueOn: '2026-03-06' },
          to: { dueOn: '2026-03-09' },
          reason: 'her flu',
          rescheduledAt: at,
        },
      },
    ],
    [
      'activity-a3',
      {
        type: 'ActivityDetailsChanged',
        data: {
          activityId: 'a3',
          ...on,
          title: 'Her parcel, second try',
          previousTitle: 'Her parcel',
          notes: 'ring twice at her door',
          participants: [],
          changed: ['title', 'notes'],
          changedAt: at,
        },
      },
    ],
    [
      'activity-a3',
      {
        type: 'ActivityReassigned',
        data: {
          activityId: 'a3',
          ...on,
          fromStaffId: ownerId,
          toStaffId: 'staff-2',
          handOver: false,
          reason: 'she asked for Anna',
          reassignedAt: at,
        },
      },
    ],
    [
      'activity-a3',
      {
        type: 'ActivityCancelled',
        data: { activityId: 'a3', ...on, reason: 'she asked to pause', cancelledAt: at },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketOpened',
        data: {
          ticketId: 't2',
          ...on,
          channel: 'phone',
          subject: 'Her parcel',
          priority: 'normal',
          assigneeId: ownerId,
          sla,
          openedAt: at,
        },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketReclassified',
        data: {
          ticketId: 't2',
          ...on,
          priority: 'high',
          previousPriority: 'normal',
          classification: 'delivery',
          previousClassification: null,
          reason: 'she disputes the priority',
          sla,
          reclassifiedAt: at,
        },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketDetailsChanged',
        data: {
          ticketId: 't2',
          ...on,
          subject: 'Her parcel went missing',
          previousSubject: 'Her parcel',
          description: 'left at the neighbour Mrs Kask',
          changed: ['subject', 'description'],
          changedAt: at,
        },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketReassigned',
        data: {
          ticketId: 't2',
          ...on,
          fromStaffId: ownerId,
          toStaffId: 'staff-2',
          handOver: false,
          reason: 'she asked for Anna',
          reassignedAt: at,
        },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketResolved',
        data: { ticketId: 't2', ...on, resolution: 'Her parcel', resolvedAt: at },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketClosed',
        data: { ticketId: 't2', ...on, note: 'she closed it herself', closedAt: at },
      },
    ],
    [
      'ticket-t2',
      {
        type: 'TicketReopened',
        data: { ticketId: 't2', ...on, reason: 'she asked again', reopenedAt: at },
      },
    ],
    [
      'agreement-g1',
      {
        type: 'AgreementRecorded',
        data: {
          agreementId: 'g1',
          ...on,
          title: 'Cleaning of her office',
          terms: 'twice a month at her office',
          staffId: ownerId,
          contactIds: [],
          agreedOn: '2026-03-01',
          documentIds: [],
          recordedAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'CustomFieldValuesSet',
        data: {
          ...on,
          values: { hobby: 'loves sailing boats', size: 12 },
          labels: { hobby: 'Hobby', size: 'Size' },
          setAt: at,
        },
      },
    ],
    [
      `customer-${customerId}`,
      {
        type: 'CustomFieldValuesSet',
        data: {
          ...on,
          contactId: 'k1',
          values: { club: 'Maasika sailing club' },
          labels: { club: 'Club' },
          setAt: at,
        },
      },
    ],
    [
      'deal-d2',
      {
        type: 'DealCustomFieldValuesSet',
        data: {
          dealId: 'd2',
          ...on,
          values: { note: 'her second boat' },
          labels: { note: 'Note' },
          setAt: at,
        },
      },
    ],
    [
      'agreement-g1',
      {
        type: 'AgreementTerminated',
        data: {
          agreementId: 'g1',
          ...on,
          endsOn: '2026-06-30',
          reason: 'she ended it early',
          terminatedAt: at,
        },
      },
    ],
  ];
};

/** Appends the scripted events, each stream after its last event; answers the last append. */
export const appendAll = async (
  store: EventStore,
  events: [stream: string, event: Event][],
  actorId = 'staff-1',
): Promise<AppendResult | undefined> => {
  let last: AppendResult | undefined;
  for (const [stream, event] of events) {
    const eventId = randomUUID();
    const customerId = (event.data as { customerId?: string }).customerId;
    const next: NewEvent = {
      eventId,
      type: event.type,
      data: event.data,
      metadata: {
        eventId,
        schemaVersion: currentSchemaVersion[event.type as KroonikaEventType],
        occurredAt: at,
        actorId,
        commandId: eventId,
        correlationId: eventId,
        causationId: eventId,
        ...(customerId ? { customerId } : {}),
      },
    };
    last = await store.append(stream, [next], 'any');
  }
  return last;
};

/** A key store in a directory of its own, removed when the store is closed. */
export const keyStoreInTempDir = (): SqliteKeyStore => {
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-keys-'));
  const keys = new SqliteKeyStore(join(dir, 'keys.db'));
  const close = keys.close.bind(keys);
  keys.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return keys;
};
