import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { addDays, todayIn, weekOf } from '../logic';
import { CsvButton, ErrorNote, Page, StaffOptions, useLoaded, useStaff } from './shared';

type Activity = {
  activityId: string;
  kind: string;
  title: string;
  customerId: string;
  day: string;
  startsAt?: string;
  endsAt?: string;
  status: string;
  overdue: boolean;
};
type Activities = { items: Activity[]; nextCursor?: string };

/** Every page of a list, followed by cursor. */
const allPages = async (get: (cursor?: string) => Promise<Activities>) => {
  const items: Activity[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 1000);
  return items;
};

export const CalendarPage = () => {
  const { api, t, sub, timeZone, language } = useSession();
  const [member, setMember] = useState(sub);
  const [day, setDay] = useState(todayIn(timeZone, new Date()));
  const days = weekOf(day);
  const staff = useStaff();
  const tz = encodeURIComponent(timeZone);
  const week = useLoaded(
    () =>
      allPages((cursor) =>
        api.get<Activities>(
          `/activities?assigneeId=${member}&from=${days[0]!}&to=${days[6]!}&tz=${tz}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      ),
    [member, days[0]],
  );
  const overdue = useLoaded(
    () => api.get<Activities>(`/activities?assigneeId=${member}&overdue=true&tz=${tz}&limit=50`),
    [member],
  );
  const weekday = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(language, {
      weekday: 'short',
      day: 'numeric',
      month: 'numeric',
      timeZone: 'UTC',
    });
  return (
    <Page
      title={t('calendar')}
      tools={
        <>
          <label>
            {t('member')}{' '}
            <select
              value={member}
              onChange={(e) => {
                setMember(e.currentTarget.value);
              }}
            >
              {!staff.some((s) => s.staffId === sub) && <option value={sub}>{sub}</option>}
              <StaffOptions staff={staff} />
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              setDay(addDays(day, -7));
            }}
          >
            {t('previousWeek')}
          </button>
          <span>
            {t('week')} {days[0]}
          </span>
          <button
            type="button"
            onClick={() => {
              setDay(addDays(day, 7));
            }}
          >
            {t('nextWeek')}
          </button>
          <CsvButton
            name={`calendar-${days[0]!}.csv`}
            columns={[
              'day',
              'kind',
              'title',
              'status',
              'startsAt',
              'endsAt',
              'customerId',
              'overdue',
            ]}
            rows={() => week.value ?? []}
          />
        </>
      }
    >
      <ErrorNote error={week.error ?? overdue.error} />
      {overdue.value && overdue.value.items.length > 0 && (
        <section class="overdue" aria-labelledby="overdue-title">
          <h2 id="overdue-title">{t('overdue')}</h2>
          <ul>
            {overdue.value.items.map((a) => (
              <li key={a.activityId}>
                {a.day} <a href={`#/customers/${a.customerId}`}>{a.title}</a> ({a.kind})
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="week">
        {days.map((d) => {
          const items = (week.value ?? []).filter((a) => a.day === d);
          return (
            <section class="day" key={d} aria-label={weekday(d)}>
              <h2>{weekday(d)}</h2>
              {items.length === 0 && <p class="muted">{t('nothingPlanned')}</p>}
              <ul>
                {items.map((a) => (
                  <li
                    key={a.activityId}
                    class={`activity kind-${a.kind} status-${a.status}${a.overdue ? ' is-overdue' : ''}`}
                  >
                    {a.startsAt && (
                      <time dateTime={a.startsAt}>
                        {new Date(a.startsAt).toLocaleTimeString(language, {
                          hour: '2-digit',
                          minute: '2-digit',
                          timeZone,
                        })}{' '}
                      </time>
                    )}
                    <a href={`#/customers/${a.customerId}`}>{a.title}</a>{' '}
                    <span class="muted">{a.kind}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Page>
  );
};
