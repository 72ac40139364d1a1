import { readStoreTargets, serviceOn } from './support/read-stores';
import { randomUUID } from 'node:crypto';
import { commands, type Ids, queries, upload } from './support/service';

type Activity = {
  activityId: string;
  kind: string;
  summary?: string;
  minutesSpent?: number;
  participants?: { kind: string; id: string }[];
};
type Timeline = { items: { type: string; summary: string }[] };
type Problem = { type: string; status: number };

describe.each(readStoreTargets())(
  'calls on record: POST /calls from a telephony system, on $name',
  (target) => {
    const suite = serviceOn(target, { apps: ['command-api', 'projector', 'query-api'] });

    it('matches the number in any format to a contact and logs the call on its customer, once', async () => {
      const { service } = suite;
      const anna = await service.staff('Anna Tamm', ['sales']);
      const c = commands(service, anna);
      const customer = await c.post<Ids>('/customers', {
        kind: 'company',
        name: 'Helin OÜ',
        phone: '+372 611 2233',
      });
      const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
        name: 'Mari Helin',
        phone: '5551 2345',
      });
      const contactId = contact.body.contactId!;
      const call = {
        direction: 'inbound',
        startedAt: '2026-03-02T10:15:00.000Z',
        durationSeconds: 185,
        staffId: anna.id,
        callId: `pbx-${randomUUID()}`,
      };

      // The contact's number written the international way; stored as written at home.
      const logged = await c.post<Ids & { customerIds: string[]; activityIds: string[] }>(
        '/calls',
        {
          ...call,
          number: '+372 5551 2345',
        },
      );
      expect(logged.status).toBe(201);
      expect(logged.body.customerIds).toEqual([customer.body.id]);
      const again = await c.post<Ids>('/calls', { ...call, number: '0037255512345' });
      expect([again.status, again.body.id]).toEqual([201, logged.body.id]);

      const activities = await queries(service, anna).get<{ items: Activity[] }>(
        `/activities?customerId=${customer.body.id}`,
        again.body.position,
      );
      const calls = activities.body.items.filter((a) => a.kind === 'call');
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        activityId: logged.body.id,
        minutesSpent: 4,
        participants: [{ kind: 'contact', id: contactId }],
      });
      const timeline = await queries(service, anna).get<Timeline>(
        `/customers/${customer.body.id}/timeline`,
        again.body.position,
      );
      expect(timeline.body.items.map((e) => e.summary).join('\n')).toContain('Inbound call, 4 min');

      // The company's own switchboard number, without the country code.
      const board = await c.post<Ids & { customerIds: string[] }>('/calls', {
        ...call,
        callId: undefined,
        direction: 'outbound',
        number: '611 2233',
        summary: 'Agreed on the delivery date',
      });
      expect([board.status, board.body.customerIds]).toEqual([201, [customer.body.id]]);

      // A recording uploaded for the customer goes with the call; another customer's does not.
      const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]);
      const documents = `${service.url['command-api']}/documents`;
      const recording = await upload<Ids>(
        documents,
        anna.token,
        { linkKind: 'customer', linkId: customer.body.id },
        { name: 'call.wav', type: 'audio/wav', bytes: wav },
      );
      expect(recording.status).toBe(201);
      const recorded = await c.post<Ids>('/calls', {
        ...call,
        callId: undefined,
        number: '+372 5551 2345',
        recordingDocumentId: recording.body.id,
      });
      expect(recorded.status).toBe(201);
      const other = await c.post<Ids>('/customers', { kind: 'person', name: 'Teine' });
      const elsewhere = await upload<Ids>(
        documents,
        anna.token,
        { linkKind: 'customer', linkId: other.body.id },
        { name: 'other.wav', type: 'audio/wav', bytes: wav },
      );
      const wrong = await c.post<Problem>('/calls', {
        ...call,
        callId: undefined,
        number: '+372 5551 2345',
        recordingDocumentId: elsewhere.body.id,
      });
      expect([wrong.status, wrong.body.type]).toEqual([
        409,
        'urn:kroonika:problem:recording-of-another-customer',
      ]);

      // Nobody has the number, or it is no number at all: nothing is recorded.
      const unknown = await c.post<Problem>('/calls', {
        ...call,
        callId: undefined,
        number: '+372 5999 9999',
      });
      expect([unknown.status, unknown.body.type]).toEqual([
        404,
        'urn:kroonika:problem:caller-unknown',
      ]);
      const impossible = await c.post<Problem>('/calls', {
        ...call,
        callId: undefined,
        number: '000',
      });
      expect([impossible.status, impossible.body.type]).toEqual([
        404,
        'urn:kroonika:problem:caller-unknown',
      ]);
      const garbage = await c.post<Problem>('/calls', {
        ...call,
        callId: undefined,
        number: 'abc',
      });
      expect(garbage.status).toBe(400);
      const negative = await c.post<Problem>('/calls', {
        ...call,
        callId: undefined,
        number: '+372 5551 2345',
        durationSeconds: -1,
      });
      expect(negative.status).toBe(400);
    });
  },
);
