import { SqliteReadStore } from '#read-store';
import { APPLIED, type Projection, projectBatch, upsert } from './projection';
import { storedEvents } from './projection-testing';

/**
 * A projection whose notes name another document: an event of a ticket copies the text of the
 * note its ticket's document points at, which only that document names.
 */
const pointing: Projection = {
  name: 'pointing',
  indexes: [],
  state: {
    collections: ['tickets', 'notes'],
    reads: (e) => [['tickets', (e.data as { ticketId: string }).ticketId]],
    named: (e, state) => {
      const note = state('tickets', (e.data as { ticketId: string }).ticketId)?.['noteId'];
      return e.type === 'TicketClosed' && typeof note === 'string' ? [['notes', note]] : [];
    },
  },
  project: (e, state) => {
    const data = e.data as { ticketId: string; noteId?: string; text?: string };
    switch (e.type) {
      case 'TicketOpened':
        return upsert(e, 'tickets', data.ticketId, { $set: { noteId: data.noteId } });
      case 'TicketCommented':
        // Writes a note without reading it: no event of this projection names it in `reads`.
        return upsert(e, 'notes', data.noteId!, { $set: { text: data.text } });
      case 'TicketClosed': {
        const note = state('tickets', data.ticketId)?.['noteId'] as string;
        return upsert(e, 'tickets', data.ticketId, {
          $set: { closedWith: state('notes', note)?.['text'] ?? null },
        });
      }
      default:
        return [];
    }
  },
};

const events = storedEvents([
  { type: 'TicketOpened', data: { ticketId: 't1', noteId: 'n1' } },
  { type: 'TicketCommented', data: { ticketId: 't2', noteId: 'n1', text: 'first' } },
  { type: 'TicketCommented', data: { ticketId: 't2', noteId: 'n1', text: 'second' } },
  { type: 'TicketClosed', data: { ticketId: 't1' } },
]);

describe('documents named by state', () => {
  let store: SqliteReadStore;
  beforeEach(() => {
    store = new SqliteReadStore(':memory:');
  });
  afterEach(() => store.close());

  it('given a named document stored before the batch, when an event names it, then it sees it as stored', async () => {
    await store.apply(await projectBatch(pointing, events.slice(0, 3), store), []);
    await store.apply(await projectBatch(pointing, events.slice(3), store), []);
    expect(await store.get('tickets', 't1')).toMatchObject({ closedWith: 'second' });
  });

  it('given a named document written earlier in the same batch, when an event names it, then it sees those writes', async () => {
    await store.apply(await projectBatch(pointing, events, store), []);
    expect(await store.get('tickets', 't1')).toMatchObject({ closedWith: 'second' });
  });

  it('given a named document already past the event (a replayed batch), then the event is skipped', async () => {
    await store.apply(await projectBatch(pointing, events.slice(0, 3), store), []);
    await store.apply(
      [
        {
          kind: 'upsert',
          collection: 'notes',
          id: 'n1',
          position: 9,
          update: { $set: { text: 'later' }, $max: { [APPLIED]: 9 } },
        },
      ],
      [],
    );
    expect(await projectBatch(pointing, events.slice(3), store)).toEqual([]);
  });
});
