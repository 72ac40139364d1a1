import { type LeadEvent } from '#events';
import { specFor } from '../testing';
import { leadDecider } from './lead.decider';

const now = '2026-03-01T09:00:00.000Z';
const created: LeadEvent = {
  type: 'LeadCreated',
  data: { leadId: 'l1', personName: 'Mari', source: 'fair', ownerId: 's1', createdAt: now },
};
const qualified: LeadEvent = { type: 'LeadQualified', data: { leadId: 'l1', qualifiedAt: now } };
const disqualified: LeadEvent = {
  type: 'LeadDisqualified',
  data: { leadId: 'l1', reason: 'no budget', disqualifiedAt: now },
};
const converted: LeadEvent = {
  type: 'LeadConverted',
  data: { leadId: 'l1', customerId: 'c1', dealId: 'd1', pipelineId: 'p1', convertedAt: now },
};
const spec = specFor(leadDecider);
const convert = {
  type: 'ConvertLead',
  leadId: 'l1',
  customerId: 'c1',
  dealId: 'd1',
  pipelineId: 'p1',
  now,
} as const;

describe('Lead', () => {
  describe('CreateLead', () => {
    const create = {
      type: 'CreateLead',
      leadId: 'l1',
      personName: 'Mari',
      source: 'fair',
      ownerId: 's1',
      now,
    } as const;
    it('creates a lead', () => {
      spec([]).when(create).then([created]);
    });
    it('rejects an existing lead', () => {
      spec([created]).when(create).thenRejectedWith('lead-exists');
    });
  });

  describe('ChangeLeadDetails', () => {
    const full: LeadEvent = {
      type: 'LeadCreated',
      data: {
        leadId: 'l1',
        personName: 'Mari',
        companyName: 'Mari OÜ',
        email: 'mari@example.com',
        source: 'fair',
        ownerId: 's1',
        createdAt: now,
      },
    };
    const change = (changes: Record<string, string | null>) =>
      ({ type: 'ChangeLeadDetails', leadId: 'l1', changes, now }) as const;
    const changed: LeadEvent = {
      type: 'LeadDetailsChanged',
      data: {
        leadId: 'l1',
        personName: 'Mari Mets',
        email: 'mari@example.com',
        phone: '+372 5555 1234',
        changed: ['personName', 'companyName', 'phone'],
        changedAt: now,
      },
    };
    it('records the details as they are now and which changed: given replace, null removes', () => {
      spec([full])
        .when(change({ personName: 'Mari Mets', companyName: null, phone: '+372 5555 1234' }))
        .then([changed]);
    });
    it('records nothing when nothing changes: the same values, left-out ones, absent ones removed', () => {
      spec([full])
        .when(change({ personName: 'Mari', email: 'mari@example.com', phone: null }))
        .then([]);
      spec([full]).when(change({})).then([]);
    });
    it('decides on the corrected details: a second correction compares with the first', () => {
      spec([full, changed])
        .when(change({ personName: 'Mari Mets', companyName: 'Mets OÜ' }))
        .then([
          {
            type: 'LeadDetailsChanged',
            data: {
              leadId: 'l1',
              personName: 'Mari Mets',
              companyName: 'Mets OÜ',
              email: 'mari@example.com',
              phone: '+372 5555 1234',
              changed: ['companyName'],
              changedAt: now,
            },
          },
        ]);
    });
    it('keeps a disqualified lead correctable', () => {
      spec([created, disqualified])
        .when(change({ email: 'mari@example.com' }))
        .then([
          {
            type: 'LeadDetailsChanged',
            data: {
              leadId: 'l1',
              personName: 'Mari',
              email: 'mari@example.com',
              changed: ['email'],
              changedAt: now,
            },
          },
        ]);
    });
    it("refuses to remove the person's name", () => {
      spec([full])
        .when(change({ personName: null }))
        .thenRejectedWith('person-name-required');
    });
    it('refuses an unknown, a converted and an erased lead', () => {
      spec([])
        .when(change({ phone: '555' }))
        .thenRejectedWith('lead-not-found');
      spec([full, converted])
        .when(change({ phone: '555' }))
        .thenRejectedWith('lead-converted');
      spec([
        full,
        {
          type: 'LeadPersonalDataErased',
          data: { leadId: 'l1', reason: 'asked', erasedAt: now },
        },
      ])
        .when(change({ personName: 'Someone' }))
        .thenRejectedWith('lead-erased');
    });
  });

  describe('QualifyLead', () => {
    const qualify = { type: 'QualifyLead', leadId: 'l1', now } as const;
    it('qualifies a new lead', () => {
      spec([created]).when(qualify).then([qualified]);
    });
    it('rejects an unknown lead', () => {
      spec([]).when(qualify).thenRejectedWith('lead-not-found');
    });
    it('rejects a lead that is not new', () => {
      spec([created, qualified]).when(qualify).thenRejectedWith('lead-not-new');
    });
  });

  describe('DisqualifyLead', () => {
    const disqualify = { type: 'DisqualifyLead', leadId: 'l1', reason: 'no budget', now } as const;
    it('disqualifies a qualified lead', () => {
      spec([created, qualified]).when(disqualify).then([disqualified]);
    });
    it('needs a reason', () => {
      spec([created])
        .when({ ...disqualify, reason: ' ' })
        .thenRejectedWith('reason-required');
    });
    it('rejects a converted lead', () => {
      spec([created, converted]).when(disqualify).thenRejectedWith('lead-closed');
    });
    it('rejects an unknown lead', () => {
      spec([]).when(disqualify).thenRejectedWith('lead-not-found');
    });
  });

  describe('ConvertLead', () => {
    it('converts a qualified lead', () => {
      spec([created, qualified]).when(convert).then([converted]);
    });
    it('converts a new lead', () => {
      spec([created]).when(convert).then([converted]);
    });
    it('rejects a disqualified lead', () => {
      spec([created, disqualified]).when(convert).thenRejectedWith('lead-closed');
    });
    it('rejects a converted lead', () => {
      spec([created, converted]).when(convert).thenRejectedWith('lead-closed');
    });
    it('rejects an unknown lead', () => {
      spec([]).when(convert).thenRejectedWith('lead-not-found');
    });
  });
});

describe('Reassign a lead', () => {
  const now = '2026-03-05T09:00:00.000Z';
  const created: LeadEvent = {
    type: 'LeadCreated',
    data: { leadId: 'l1', personName: 'Mari', source: 'web', ownerId: 's1', createdAt: now },
  };
  const handOver = {
    type: 'Reassign' as const,
    itemId: 'l1',
    fromStaffId: 's1',
    toStaffId: 's2',
    handOver: true,
    now,
  };
  it('moves an open lead of the leaving member', () => {
    specFor(leadDecider)([created])
      .when(handOver)
      .then([
        {
          type: 'LeadReassigned',
          data: {
            leadId: 'l1',
            fromStaffId: 's1',
            toStaffId: 's2',
            handOver: true,
            reassignedAt: now,
          },
        },
      ]);
  });
  it('leaves a disqualified lead with its owner', () => {
    specFor(leadDecider)([
      created,
      { type: 'LeadDisqualified', data: { leadId: 'l1', reason: 'spam', disqualifiedAt: now } },
    ])
      .when(handOver)
      .thenNothingHappened();
  });
});

describe('Lead erasure', () => {
  const now = '2026-03-01T09:00:00.000Z';
  const created: LeadEvent = {
    type: 'LeadCreated',
    data: { leadId: 'l1', personName: 'Mari', source: 'web', ownerId: 's1', createdAt: now },
  };
  const erase = { type: 'EraseLeadPersonalData' as const, leadId: 'l1', reason: 'asked', now };
  it('records the erasure of a lead that never became a customer', () => {
    specFor(leadDecider)([
      created,
      { type: 'LeadDisqualified', data: { leadId: 'l1', reason: 'spam', disqualifiedAt: now } },
    ])
      .when(erase)
      .then([
        { type: 'LeadPersonalDataErased', data: { leadId: 'l1', reason: 'asked', erasedAt: now } },
      ]);
  });
  it('refuses a converted lead (erased with its customer), a blank reason, an unknown lead', () => {
    specFor(leadDecider)([
      created,
      {
        type: 'LeadConverted',
        data: { leadId: 'l1', customerId: 'c1', dealId: 'd1', pipelineId: 'p1', convertedAt: now },
      },
    ])
      .when(erase)
      .thenRejectedWith('lead-converted');
    specFor(leadDecider)([created])
      .when({ ...erase, reason: ' ' })
      .thenRejectedWith('reason-required');
    specFor(leadDecider)([]).when(erase).thenRejectedWith('lead-not-found');
  });
});
