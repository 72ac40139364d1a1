import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../context';
import { moneyText, type TimelineFilters, timelineQuery, todayIn } from '../logic';
import { CsvButton, ErrorNote, Page, StaffOptions, useLoaded, useStaff } from './shared';

type Hit = { kind: string; name: string; customerId?: string; matched: string[] };
type Customer360 = {
  customerId: string;
  name: string;
  kind: string;
  category?: string;
  ownerId: string;
  emails?: string[];
  phones?: string[];
  tags: string[];
  contacts: { contactId: string; name: string; role?: string; email?: string }[];
  deals: {
    open: {
      dealId: string;
      title: string;
      value: { amount: number; currency: string };
      stage: { name: string | null };
    }[];
  };
  invoices: { byCurrency: Record<string, { outstanding?: number }> };
};
type Entry = {
  eventId: string;
  position: number;
  at: string;
  type: string;
  group: string;
  actorId: string;
  actorName?: string;
  summary: string;
};

const groups = ['profile', 'sales', 'activities', 'invoices', 'service'];

export const CustomerSearch = () => {
  const { api, t } = useSession();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | undefined>();
  const [error, setError] = useState<unknown>();
  return (
    <Page title={t('customers')}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          api.get<{ items: Hit[] }>(`/search?q=${encodeURIComponent(q)}&limit=20`).then(
            (r) => {
              setHits(r.items);
            },
            (err: unknown) => {
              setError(err);
            },
          );
        }}
      >
        <label for="search-q">{t('searchLabel')}</label>{' '}
        <input
          id="search-q"
          type="search"
          value={q}
          required
          onInput={(e) => {
            setQ(e.currentTarget.value);
          }}
        />{' '}
        <button type="submit">{t('search')}</button>
      </form>
      <ErrorNote error={error} />
      {hits && hits.length === 0 && <p>{t('noResults')}</p>}
      {hits && hits.length > 0 && (
        <CsvButton
          name="search.csv"
          columns={['kind', 'name', 'customerId', 'matched']}
          rows={() => hits.map((h) => ({ ...h, matched: h.matched.join(' ') }))}
        />
      )}
      <ul class="hits">
        {hits
          ?.filter((h) => h.customerId)
          .map((h) => (
            <li key={`${h.kind}-${h.customerId!}`}>
              <a href={`#/customers/${h.customerId!}`}>{h.name}</a>{' '}
              <span class="muted">{h.kind}</span>
            </li>
          ))}
      </ul>
    </Page>
  );
};

const Timeline = ({ customerId, round }: { customerId: string; round: number }) => {
  const { api, t, timeZone } = useSession();
  const [filters, setFilters] = useState<TimelineFilters>({});
  const [entries, setEntries] = useState<Entry[]>([]);
  // The cursor of the next page, read when the list scrolls: kept in a ref, so that an observer
  // made in an earlier render never asks with a cursor that was current then.
  const next = useRef<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const busy = useRef(false);
  const sentinel = useRef<HTMLLIElement>(null);
  const staff = useStaff();

  // A reset (new filters, a write) starts a new generation: pages of an older one that are
  // still on their way are dropped, and a reset is never skipped for one in flight.
  const generation = useRef(0);
  const load = async (reset: boolean) => {
    // More is asked only with the cursor the last page gave: never the first page again.
    if (!reset && (busy.current || next.current === undefined)) return;
    const mine = reset ? ++generation.current : generation.current;
    const from = reset ? undefined : next.current;
    if (reset) next.current = undefined;
    busy.current = true;
    try {
      const page = await api.get<{ items: Entry[]; nextCursor?: string }>(
        `/customers/${customerId}/timeline?${timelineQuery(filters, timeZone, from)}`,
      );
      if (mine !== generation.current) return;
      next.current = page.nextCursor;
      setEntries((e) => (reset ? page.items : [...e, ...page.items]));
      setDone(!page.nextCursor);
      setError(undefined);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
      setDone(true);
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  };
  useEffect(() => {
    setDone(false);
    void load(true);
  }, [customerId, filters, round]);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || done) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting)) void load(false);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  });

  const set = (key: keyof TimelineFilters) => (e: { currentTarget: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.currentTarget.value }));
  };
  return (
    <section aria-labelledby="timeline-title" class="timeline">
      <h2 id="timeline-title">{t('timeline')}</h2>
      <div class="filters">
        <label>
          {t('group')}{' '}
          <select name="group" value={filters.group ?? ''} onChange={set('group')}>
            <option value="">{t('all')}</option>
            {groups.map((g) => (
              <option value={g} key={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('actor')}{' '}
          <select name="actorId" value={filters.actorId ?? ''} onChange={set('actorId')}>
            <option value="">{t('all')}</option>
            <StaffOptions staff={staff} />
          </select>
        </label>
        <label>
          {t('from')}{' '}
          <input type="date" name="from" value={filters.from ?? ''} onChange={set('from')} />
        </label>
        <label>
          {t('to')} <input type="date" name="to" value={filters.to ?? ''} onChange={set('to')} />
        </label>
        <CsvButton
          name={`timeline-${customerId}.csv`}
          columns={['at', 'type', 'group', 'actorName', 'summary', 'position']}
          rows={() => entries}
        />
      </div>
      <ErrorNote error={error} />
      <ol class="entries" aria-live="polite">
        {entries.map((e) => (
          <li key={e.eventId} class={`entry group-${e.group}`} data-position={e.position}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>{' '}
            <span class="entry-type">{e.type}</span> <span class="entry-summary">{e.summary}</span>{' '}
            <span class="muted">{e.actorName ?? e.actorId}</span>
          </li>
        ))}
        {!done && (
          <li ref={sentinel} class="muted" aria-busy="true">
            {t('loading')}
          </li>
        )}
        {done && entries.length > 0 && !next.current && <li class="muted end">{t('end')}</li>}
      </ol>
    </section>
  );
};

const PlanTask = ({ customerId, onSaved }: { customerId: string; onSaved: () => void }) => {
  const { api, t, timeZone } = useSession();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(todayIn(timeZone, new Date()));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="plan-task"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        api.command('/activities', { customerId, kind: 'task', title, dueOn }).then(
          () => {
            setTitle('');
            setSaved(true);
            setError(undefined);
            onSaved();
          },
          (err: unknown) => {
            setError(err);
          },
        );
      }}
    >
      <h2>{t('planTask')}</h2>
      <label>
        {t('taskTitle')}{' '}
        <input
          name="title"
          value={title}
          required
          maxLength={200}
          onInput={(e) => {
            setTitle(e.currentTarget.value);
          }}
        />
      </label>{' '}
      <label>
        {t('dueOn')}{' '}
        <input
          type="date"
          name="dueOn"
          value={dueOn}
          required
          onInput={(e) => {
            setDueOn(e.currentTarget.value);
          }}
        />
      </label>{' '}
      <button type="submit">{t('save')}</button>
      {saved && <span role="status"> {t('saved')}</span>}
      <ErrorNote error={error} />
    </form>
  );
};

export const CustomerPage = ({ customerId }: { customerId: string }) => {
  const { api, t, language, roles } = useSession();
  const [round, setRound] = useState(0);
  const customer = useLoaded(
    () => api.get<Customer360>(`/customers/${customerId}`),
    [customerId, round],
  );
  const c = customer.value;
  return (
    <Page
      title={c?.name ?? t('loading')}
      tools={
        roles.some((r) => r === 'auditor' || r === 'admin') ? (
          <a href={`#/audit/${customerId}`}>{t('audit')}</a>
        ) : undefined
      }
    >
      <ErrorNote error={customer.error} />
      {c && (
        <div class="customer-360">
          <dl class="facts">
            <dt>{t('category')}</dt>
            <dd>{c.category ?? '—'}</dd>
            <dt>{t('owner')}</dt>
            <dd>{c.ownerId}</dd>
            <dt>{t('email')}</dt>
            <dd>{(c.emails ?? []).join(', ') || '—'}</dd>
          </dl>
          <section>
            <h2>{t('openDeals')}</h2>
            <ul>
              {c.deals.open.map((d) => (
                <li key={d.dealId}>
                  {d.title} — {d.stage.name} —{' '}
                  {moneyText({ [d.value.currency]: d.value.amount }, language)}
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>{t('contacts')}</h2>
            <ul>
              {c.contacts.map((k) => (
                <li key={k.contactId}>
                  {k.name}
                  {k.role ? ` (${k.role})` : ''}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
      {roles.some((r) => r === 'sales' || r === 'manager' || r === 'admin') && (
        <PlanTask
          customerId={customerId}
          onSaved={() => {
            setRound((r) => r + 1);
          }}
        />
      )}
      <Timeline customerId={customerId} round={round} />
    </Page>
  );
};
