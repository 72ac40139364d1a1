import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { eventAt } from '../logic';
import { CsvButton, ErrorNote, Page, useLoaded } from './shared';

type StoredEvent = {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actorId: string;
  data: unknown;
};
type History = { items: StoredEvent[]; nextCursor?: string; streams: string[]; total: number };
type Verified = {
  streamId: string;
  ok: boolean;
  checked: number;
  firstBroken?: { revision: number };
};
type Versioned = { streamId: string; revision: number; position: number; state: unknown };
type State = {
  asOf: string;
  asOfPosition: number;
  customer: Versioned | null;
  deals: Versioned[];
  invoices: Versioned[];
  activities: Versioned[];
  tickets: Versioned[];
};
type Trail = {
  items: { readId: string; staffId: string; kind: string; query: string; readAt: string }[];
};

const history = async (get: (path: string) => Promise<History>, customerId: string) => {
  const items: StoredEvent[] = [];
  let cursor: string | undefined;
  let first: History | undefined;
  do {
    const page = await get(
      `/audit/customers/${customerId}/events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    first ??= page;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 5000);
  return { ...first, items: items.sort((a, b) => a.position - b.position) };
};

const AsOf = ({ customerId, events }: { customerId: string; events: StoredEvent[] }) => {
  const { api, t } = useSession();
  const [index, setIndex] = useState(events.length - 1);
  const chosen = events[index] ?? events[events.length - 1];
  const position = eventAt(events, chosen?.position ?? 0)?.position ?? 0;
  const state = useLoaded(
    () => api.get<State>(`/audit/customers/${customerId}/state?asOfPosition=${position}`),
    [customerId, position],
  );
  const s = state.value;
  const customer = (s?.customer?.state ?? {}) as {
    profile?: { name?: string };
    category?: string | null;
    status?: string;
  };
  return (
    <section aria-labelledby="asof-title" class="as-of">
      <h2 id="asof-title">{t('asOf')}</h2>
      <label for="as-of">
        {t('asOf')}:{' '}
        <output id="as-of-time">
          {chosen ? new Date(chosen.occurredAt).toLocaleString() : '—'}
        </output>
      </label>
      <input
        id="as-of"
        type="range"
        min={0}
        max={Math.max(0, events.length - 1)}
        value={index}
        aria-valuetext={chosen?.occurredAt}
        onInput={(e) => {
          setIndex(Number(e.currentTarget.value));
        }}
      />
      <ErrorNote error={state.error} />
      {s && (
        <dl class="facts" data-as-of-position={s.asOfPosition}>
          <dt>{t('name')}</dt>
          <dd class="state-name">{customer.profile?.name ?? '—'}</dd>
          <dt>{t('category')}</dt>
          <dd class="state-category">{customer.category ?? '—'}</dd>
          <dt>{t('dealsTitle')}</dt>
          <dd class="state-deals">{s.deals.length}</dd>
          <dt>{t('invoices')}</dt>
          <dd>{s.invoices.length}</dd>
          <dt>{t('activities')}</dt>
          <dd>{s.activities.length}</dd>
          <dt>{t('tickets')}</dt>
          <dd>{s.tickets.length}</dd>
        </dl>
      )}
      {s && (
        <details>
          <summary>JSON</summary>
          <pre>{JSON.stringify(s, null, 2)}</pre>
        </details>
      )}
    </section>
  );
};

const AuditView = ({ customerId }: { customerId: string }) => {
  const { api, t } = useSession();
  const events = useLoaded(() => history((p) => api.get<History>(p), customerId), [customerId]);
  const chain = useLoaded(
    async () =>
      Promise.all(
        (events.value?.streams ?? []).map((s) =>
          api.get<Verified>(`/audit/streams/${encodeURIComponent(s)}/verify`),
        ),
      ),
    [events.value],
  );
  const trail = useLoaded(
    () => api.get<Trail>(`/audit/trail?customerId=${customerId}&limit=50`),
    [customerId, events.value],
  );
  const broken = chain.value?.filter((c) => !c.ok) ?? [];
  return (
    <>
      <ErrorNote error={events.error} />
      {events.value && (
        <>
          <section aria-labelledby="chain-title">
            <h2 id="chain-title">{t('chain')}</h2>
            <ErrorNote error={chain.error} />
            {chain.value && (
              <p class={broken.length === 0 ? 'chain-ok' : 'chain-broken'} role="status">
                {broken.length === 0
                  ? `${t('chainOk')} ${t('checked')}: ${chain.value.reduce((n, c) => n + c.checked, 0)} / ${chain.value.length}`
                  : `${t('chainBroken')}: ${broken.map((b) => `${b.streamId}@${b.firstBroken?.revision ?? '?'}`).join(', ')}`}
              </p>
            )}
          </section>
          <AsOf customerId={customerId} events={events.value.items} />
          <section aria-labelledby="events-title">
            <h2 id="events-title">
              {t('events')} ({events.value.items.length})
            </h2>
            <CsvButton
              name={`audit-${customerId}.csv`}
              columns={[
                'position',
                'occurredAt',
                'streamId',
                'revision',
                'type',
                'actorId',
                'eventId',
              ]}
              rows={() => events.value?.items ?? []}
            />
            <table class="events">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('at')}</th>
                  <th scope="col">{t('stream')}</th>
                  <th scope="col">{t('type')}</th>
                  <th scope="col">{t('actor')}</th>
                </tr>
              </thead>
              <tbody>
                {events.value.items.map((e) => (
                  <tr key={e.eventId}>
                    <td>{e.position}</td>
                    <td>{e.occurredAt}</td>
                    <td>
                      {e.streamId}@{e.revision}
                    </td>
                    <td>{e.type}</td>
                    <td>{e.actorId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      <section aria-labelledby="trail-title">
        <h2 id="trail-title">{t('trail')}</h2>
        <ErrorNote error={trail.error} />
        <CsvButton
          name={`audit-trail-${customerId}.csv`}
          columns={['readAt', 'staffId', 'kind', 'query', 'readId']}
          rows={() => trail.value?.items ?? []}
        />
        <ul class="trail">
          {trail.value?.items.map((r) => (
            <li key={r.readId}>
              {r.readAt} {r.staffId} {r.kind} <span class="muted">{r.query}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
};

export const AuditPage = ({ customerId }: { customerId?: string }) => {
  const { t } = useSession();
  const [typed, setTyped] = useState(customerId ?? '');
  return (
    <Page title={t('auditTitle')}>
      <p class="recorded" role="note">
        {t('recorded')}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = `#/audit/${typed.trim()}`;
        }}
      >
        <label for="audit-customer">{t('customerId')}</label>{' '}
        <input
          id="audit-customer"
          value={typed}
          required
          pattern="[0-9a-fA-F-]{36}"
          onInput={(e) => {
            setTyped(e.currentTarget.value);
          }}
        />{' '}
        <button type="submit">{t('show')}</button>
      </form>
      {customerId && <AuditView customerId={customerId} key={customerId} />}
    </Page>
  );
};
