import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../context';
import { moneyText, todayIn } from '../logic';
import { CsvButton, ErrorNote, Page, useLoaded } from './shared';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Figures = {
  newCustomers: number;
  dealsOpened: number;
  won: number;
  lost: number;
  wonValue: Record<string, number>;
};
type CategoryRow = {
  category: string;
  customers: number;
  openDeals: number;
  current: Figures;
  previous: Figures;
};
type CategoryReport = { period: string; previousPeriod: string; categories: CategoryRow[] };
type SegmentReport = {
  period: string;
  previousPeriod: string;
  name: string;
  customers: number;
  openDeals: number;
  current: Figures;
  previous: Figures;
};
type Segments = { items: { segmentId: string; name: string }[] };
type Pipelines = { items: { pipelineId: string; name: string }[] };
type StageFlow = {
  entered: number;
  advanced: number;
  movedBack: number;
  won: number;
  lost: number;
  movedOut: number;
  advanceRate: number | null;
  averageDaysInStage: number | null;
};
type PipelineFlow = {
  period: string;
  previousPeriod: string;
  name: string;
  stages: {
    stageId: string;
    name: string;
    removed: boolean;
    current: StageFlow;
    previous: StageFlow;
  }[];
};
const flowCounts = ['entered', 'advanced', 'movedBack', 'won', 'lost', 'movedOut'] as const;
type LeadFunnel = {
  created: number;
  qualified: number;
  disqualified: number;
  converted: number;
  conversionRate: number | null;
  averageDaysToConvert: number | null;
  won: number;
  lost: number;
  wonValue: Record<string, number>;
  registeredDirectly: number;
};
type LeadSources = {
  period: string;
  previousPeriod: string;
  sources: { source: string; current: LeadFunnel; previous: LeadFunnel }[];
};
const funnelCounts = [
  'created',
  'qualified',
  'disqualified',
  'converted',
  'won',
  'lost',
  'registeredDirectly',
] as const;
const funnelLabels = {
  created: 'leadsCreated',
  qualified: 'qualified',
  disqualified: 'disqualified',
  converted: 'converted',
  won: 'won',
  lost: 'lost',
  registeredDirectly: 'registeredDirectly',
} as const;

const measures = ['newCustomers', 'dealsOpened', 'won', 'lost'] as const;

/** A bar chart of this period against the previous one. */
const Comparison = (props: {
  label: string;
  labels: string[];
  current: number[];
  previous: number[];
  periods: [string, string];
}) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: [
          { label: props.periods[1], data: props.previous, backgroundColor: '#9aa5b1' },
          { label: props.periods[0], data: props.current, backgroundColor: '#1f5fa8' },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false },
    });
    return () => {
      chart.destroy();
    };
  });
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
};

const flat = (prefix: string, f: Figures, language: string) => ({
  [`${prefix}newCustomers`]: f.newCustomers,
  [`${prefix}dealsOpened`]: f.dealsOpened,
  [`${prefix}won`]: f.won,
  [`${prefix}lost`]: f.lost,
  [`${prefix}wonValue`]: moneyText(f.wonValue, language),
});
type Compared = { customers: number; openDeals: number; current: Figures; previous: Figures };

/** One line of a report's CSV: what it is about, its counts, both periods' figures. */
const csvRow = (about: Record<string, string>, r: Compared, language: string) => ({
  ...about,
  customers: r.customers,
  openDeals: r.openDeals,
  ...flat('current.', r.current, language),
  ...flat('previous.', r.previous, language),
});
const columns = [
  ...measures.map((m) => `current.${m}`),
  'current.wonValue',
  ...measures.map((m) => `previous.${m}`),
  'previous.wonValue',
];

/** Counts of this period and the one before, in that order, as CSV cells `current.<k>`, `previous.<k>`. */
const periodCells = <K extends string>(
  prefix: 'current' | 'previous',
  keys: readonly K[],
  counts: Record<K, number>,
) => Object.fromEntries(keys.map((k) => [`${prefix}.${k}`, counts[k]]));

type Column<R> = { header: string; cell: (row: R) => string | number };

/**
 * A report's table: a row per item, named in its first cell; `before` columns, then each count
 * of this period with the previous one's in brackets, then `after` columns.
 */
const ComparedTable = <
  K extends string,
  R extends { current: Record<K, number>; previous: Record<K, number> },
>(props: {
  kind: string;
  heading: string;
  rows: R[];
  name: (row: R) => string;
  rowKey: (row: R) => string;
  muted?: (row: R) => boolean;
  counts: readonly K[];
  countLabel: (k: K) => string;
  before?: Column<R>[];
  after: Column<R>[];
}) => (
  <table class={`report ${props.kind}`.trim()}>
    <thead>
      <tr>
        <th scope="col">{props.heading}</th>
        {[...(props.before ?? []).map((c) => c.header), ...props.counts.map(props.countLabel)]
          .concat(props.after.map((c) => c.header))
          .map((header) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
      </tr>
    </thead>
    <tbody>
      {props.rows.map((r) => (
        <tr key={props.rowKey(r)} class={props.muted?.(r) ? 'muted' : undefined}>
          <th scope="row">{props.name(r)}</th>
          {(props.before ?? []).map((c) => (
            <td key={c.header}>{c.cell(r)}</td>
          ))}
          {props.counts.map((k) => (
            <td key={k}>
              {r.current[k]} <span class="muted">({r.previous[k]})</span>
            </td>
          ))}
          {props.after.map((c) => (
            <td key={c.header}>{c.cell(r)}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

export const ReportsPage = () => {
  const { api, t, timeZone, language } = useSession();
  const today = todayIn(timeZone, new Date());
  const [period, setPeriod] = useState(
    `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
  );
  const [segmentId, setSegmentId] = useState('');
  const tz = encodeURIComponent(timeZone);
  const categories = useLoaded(
    () => api.get<CategoryReport>(`/reports/categories?period=${period}&tz=${tz}`),
    [period],
  );
  const segments = useLoaded(() => api.get<Segments>('/segments?limit=100'), []);
  const segment = useLoaded(
    () =>
      segmentId
        ? api.get<SegmentReport>(`/segments/${segmentId}/report?period=${period}&tz=${tz}`)
        : Promise.resolve(undefined),
    [segmentId, period],
  );
  const pipelines = useLoaded(() => api.get<Pipelines>('/pipelines'), []);
  const [pipelineId, setPipelineId] = useState('');
  const flowOf = pipelineId || pipelines.value?.items[0]?.pipelineId;
  const flow = useLoaded(
    () =>
      flowOf
        ? api.get<PipelineFlow>(`/pipelines/${flowOf}/flow?period=${period}&tz=${tz}`)
        : Promise.resolve(undefined),
    [flowOf, period],
  );
  const sources = useLoaded(
    () => api.get<LeadSources>(`/reports/lead-sources?period=${period}&tz=${tz}`),
    [period],
  );
  const label = (m: (typeof measures)[number]) => t(m);
  const f = flow.value;
  const share = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);
  const c = categories.value;
  const l = sources.value;
  const s = segment.value;
  return (
    <Page
      title={t('reports')}
      tools={
        <label>
          {t('period')}{' '}
          <input
            name="period"
            value={period}
            pattern="[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?"
            onChange={(e) => {
              if (e.currentTarget.validity.valid) setPeriod(e.currentTarget.value);
            }}
          />
        </label>
      }
    >
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">
          {t('categoryReport')} {c ? `${c.period} / ${c.previousPeriod}` : ''}
        </h2>
        <ErrorNote error={categories.error} />
        {c && (
          <>
            <CsvButton
              name={`categories-${c.period}.csv`}
              columns={['category', 'customers', 'openDeals', ...columns]}
              rows={() => c.categories.map((r) => csvRow({ category: r.category }, r, language))}
            />
            <Comparison
              label={`${t('categoryReport')}: ${t('dealsOpened')}`}
              labels={c.categories.map((r) => r.category)}
              current={c.categories.map((r) => r.current.dealsOpened)}
              previous={c.categories.map((r) => r.previous.dealsOpened)}
              periods={[c.period, c.previousPeriod]}
            />
            <ComparedTable
              kind=""
              heading={t('category')}
              rows={c.categories}
              name={(r) => r.category}
              rowKey={(r) => r.category}
              before={[{ header: t('customersCount'), cell: (r) => r.customers }]}
              counts={measures}
              countLabel={label}
              after={[
                { header: t('wonValue'), cell: (r) => moneyText(r.current.wonValue, language) },
              ]}
            />
          </>
        )}
      </section>
      <section aria-labelledby="flow-title">
        <h2 id="flow-title">
          {t('pipelineFlow')} {f ? `${f.period} / ${f.previousPeriod}` : ''}
        </h2>
        <label for="flow-pipeline">{t('pipeline')}</label>{' '}
        <select
          id="flow-pipeline"
          value={flowOf ?? ''}
          onChange={(e) => {
            setPipelineId(e.currentTarget.value);
          }}
        >
          {pipelines.value?.items.map((p) => (
            <option value={p.pipelineId} key={p.pipelineId}>
              {p.name}
            </option>
          ))}
        </select>
        <ErrorNote error={flow.error ?? pipelines.error} />
        {f && (
          <>
            <CsvButton
              name={`flow-${f.name}-${f.period}.csv`}
              columns={[
                'stage',
                ...flowCounts.map((k) => `current.${k}`),
                'current.advanceRate',
                'current.averageDaysInStage',
                ...flowCounts.map((k) => `previous.${k}`),
              ]}
              rows={() =>
                f.stages.map((r) => ({
                  stage: r.name,
                  ...periodCells('current', flowCounts, r.current),
                  'current.advanceRate': r.current.advanceRate ?? '',
                  'current.averageDaysInStage': r.current.averageDaysInStage ?? '',
                  ...periodCells('previous', flowCounts, r.previous),
                }))
              }
            />
            <Comparison
              label={`${f.name}: ${t('entered')}`}
              labels={f.stages.map((r) => r.name)}
              current={f.stages.map((r) => r.current.entered)}
              previous={f.stages.map((r) => r.previous.entered)}
              periods={[f.period, f.previousPeriod]}
            />
            <ComparedTable
              kind="flow"
              heading={t('stage')}
              rows={f.stages}
              name={(r) => r.name}
              rowKey={(r) => r.stageId}
              muted={(r) => r.removed}
              counts={flowCounts}
              countLabel={(k) => t(k)}
              after={[
                { header: t('advanceRate'), cell: (r) => share(r.current.advanceRate) },
                { header: t('averageDays'), cell: (r) => r.current.averageDaysInStage ?? '—' },
              ]}
            />
          </>
        )}
      </section>
      <section aria-labelledby="sources-title">
        <h2 id="sources-title">
          {t('leadSources')} {l ? `${l.period} / ${l.previousPeriod}` : ''}
        </h2>
        <ErrorNote error={sources.error} />
        {l && (
          <>
            <CsvButton
              name={`lead-sources-${l.period}.csv`}
              columns={[
                'source',
                ...funnelCounts.map((k) => `current.${k}`),
                'current.conversionRate',
                'current.averageDaysToConvert',
                'current.wonValue',
                ...funnelCounts.map((k) => `previous.${k}`),
              ]}
              rows={() =>
                l.sources.map((r) => ({
                  source: r.source,
                  ...periodCells('current', funnelCounts, r.current),
                  'current.conversionRate': r.current.conversionRate ?? '',
                  'current.averageDaysToConvert': r.current.averageDaysToConvert ?? '',
                  'current.wonValue': moneyText(r.current.wonValue, language),
                  ...periodCells('previous', funnelCounts, r.previous),
                }))
              }
            />
            <Comparison
              label={`${t('leadSources')}: ${t('leadsCreated')}`}
              labels={l.sources.map((r) => r.source)}
              current={l.sources.map((r) => r.current.created)}
              previous={l.sources.map((r) => r.previous.created)}
              periods={[l.period, l.previousPeriod]}
            />
            <ComparedTable
              kind="sources"
              heading={t('source')}
              rows={l.sources}
              name={(r) => r.source}
              rowKey={(r) => r.source}
              counts={funnelCounts}
              countLabel={(k) => t(funnelLabels[k])}
              after={[
                { header: t('conversionRate'), cell: (r) => share(r.current.conversionRate) },
                { header: t('daysToConvert'), cell: (r) => r.current.averageDaysToConvert ?? '—' },
                { header: t('wonValue'), cell: (r) => moneyText(r.current.wonValue, language) },
              ]}
            />
          </>
        )}
      </section>
      <section aria-labelledby="segment-title">
        <h2 id="segment-title">{t('segmentReport')}</h2>
        <label for="segment-select">{t('segment')}</label>{' '}
        <select
          id="segment-select"
          value={segmentId}
          onChange={(e) => {
            setSegmentId(e.currentTarget.value);
          }}
        >
          <option value="">—</option>
          {segments.value?.items.map((x) => (
            <option value={x.segmentId} key={x.segmentId}>
              {x.name}
            </option>
          ))}
        </select>
        <ErrorNote error={segment.error ?? segments.error} />
        {s && (
          <>
            <CsvButton
              name={`segment-${s.name}-${s.period}.csv`}
              columns={['segment', 'customers', 'openDeals', ...columns]}
              rows={() => [csvRow({ segment: s.name }, s, language)]}
            />
            <Comparison
              label={`${s.name}: ${s.period} / ${s.previousPeriod}`}
              labels={measures.map(label)}
              current={measures.map((m) => s.current[m])}
              previous={measures.map((m) => s.previous[m])}
              periods={[s.period, s.previousPeriod]}
            />
          </>
        )}
      </section>
    </Page>
  );
};
