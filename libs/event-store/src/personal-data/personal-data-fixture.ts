import { randomUUID } from 'node:crypto';
import { currentSchemaVersion, type Event, type KroonikaEventType } from '#events';
import { type EventStore, type NewEvent } from '../event-store.port';

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
  ];
};

/** Appends the scripted events, each stream after its last event. */
export const appendAll = async (
  store: EventStore,
  events: [stream: string, event: Event][],
  actorId = 'staff-1',
) => {
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
    await store.append(stream, [next], 'any');
  }
};
