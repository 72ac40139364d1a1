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
};
type LeadSources = {
  period: string;
  previousPeriod: string;
  sources: { source: string; current: LeadFunnel; previous: LeadFunnel }[];
};
const funnelCounts = ['created', 'qualified', 'disqualified', 'converted', 'won', 'lost'] as const;
const funnelLabels = {
  created: 'leadsCreated',
  qualified: 'qualified',
  disqualified: 'disqualified',
  converted: 'converted',
  won: 'won',
  lost: 'lost',
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
            <table class="report">
              <thead>
                <tr>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('customersCount')}</th>
                  {measures.map((m) => (
                    <th scope="col" key={m}>
                      {label(m)}
                    </th>
                  ))}
                  <th scope="col">{t('wonValue')}</th>
                </tr>
              </thead>
              <tbody>
                {c.categories.map((r) => (
                  <tr key={r.category}>
                    <th scope="row">{r.category}</th>
                    <td>{r.customers}</td>
                    {measures.map((m) => (
                      <td key={m}>
                        {r.current[m]} <span class="muted">({r.previous[m]})</span>
                      </td>
                    ))}
                    <td>{moneyText(r.current.wonValue, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
                  ...Object.fromEntries(flowCounts.map((k) => [`current.${k}`, r.current[k]])),
                  'current.advanceRate': r.current.advanceRate ?? '',
                  'current.averageDaysInStage': r.current.averageDaysInStage ?? '',
                  ...Object.fromEntries(flowCounts.map((k) => [`previous.${k}`, r.previous[k]])),
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
            <table class="report flow">
              <thead>
                <tr>
                  <th scope="col">{t('stage')}</th>
                  {flowCounts.map((k) => (
                    <th scope="col" key={k}>
                      {t(k)}
                    </th>
                  ))}
                  <th scope="col">{t('advanceRate')}</th>
                  <th scope="col">{t('averageDays')}</th>
                </tr>
              </thead>
              <tbody>
                {f.stages.map((r) => (
                  <tr key={r.stageId} class={r.removed ? 'muted' : undefined}>
                    <th scope="row">{r.name}</th>
                    {flowCounts.map((k) => (
                      <td key={k}>
                        {r.current[k]} <span class="muted">({r.previous[k]})</span>
                      </td>
                    ))}
                    <td>{share(r.current.advanceRate)}</td>
                    <td>{r.current.averageDaysInStage ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
                  ...Object.fromEntries(funnelCounts.map((k) => [`current.${k}`, r.current[k]])),
                  'current.conversionRate': r.current.conversionRate ?? '',
                  'current.averageDaysToConvert': r.current.averageDaysToConvert ?? '',
                  'current.wonValue': moneyText(r.current.wonValue, language),
                  ...Object.fromEntries(funnelCounts.map((k) => [`previous.${k}`, r.previous[k]])),
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
            <table class="report sources">
              <thead>
                <tr>
                  <th scope="col">{t('source')}</th>
                  {funnelCounts.map((k) => (
                    <th scope="col" key={k}>
                      {t(funnelLabels[k])}
                    </th>
                  ))}
                  <th scope="col">{t('conversionRate')}</th>
                  <th scope="col">{t('daysToConvert')}</th>
                  <th scope="col">{t('wonValue')}</th>
                </tr>
              </thead>
              <tbody>
                {l.sources.map((r) => (
                  <tr key={r.source}>
                    <th scope="row">{r.source}</th>
                    {funnelCounts.map((k) => (
                      <td key={k}>
                        {r.current[k]} <span class="muted">({r.previous[k]})</span>
                      </td>
                    ))}
                    <td>{share(r.current.conversionRate)}</td>
                    <td>{r.current.averageDaysToConvert ?? '—'}</td>
                    <td>{moneyText(r.current.wonValue, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
