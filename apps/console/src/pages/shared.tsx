import { type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, download } from '../api';
import { useSession } from '../context';
import { toCsv } from '../logic';

/** An error as the user reads it: the API's own words. */
export const ErrorNote = ({ error }: { error: unknown }) => {
  const { t } = useSession();
  if (!error) return null;
  const text =
    error instanceof ApiError && error.status === 403
      ? t('forbidden')
      : error instanceof Error
        ? error.message
        : typeof error === 'string'
          ? error
          : t('error');
  return (
    <p role="alert" class="error">
      {t('error')}: {text}
    </p>
  );
};

/** Loads `load` whenever `deps` change: the value, the error, and a way to load again. */
export const useLoaded = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ value?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => {
        if (live) setState({ value, loading: false });
      },
      (error: unknown) => {
        if (live) setState({ error, loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return {
    ...state,
    reload: () => {
      setRound((r) => r + 1);
    },
  };
};

/** A button that downloads rows as a CSV file. */
export const CsvButton = (props: {
  name: string;
  columns: string[];
  rows: () => Record<string, unknown>[];
}) => {
  const { t } = useSession();
  return (
    <button
      type="button"
      class="csv"
      onClick={() => {
        download(props.name, toCsv(props.columns, props.rows()));
      }}
    >
      {t('downloadCsv')}
    </button>
  );
};

export const Page = (props: {
  title: string;
  children: ComponentChildren;
  tools?: ComponentChildren;
}) => (
  <section class="page" aria-labelledby="page-title">
    <header class="page-header">
      <h1 id="page-title">{props.title}</h1>
      <div class="tools">{props.tools}</div>
    </header>
    {props.children}
  </section>
);

type Staff = { items: { staffId: string; name: string }[] };

/** The staff members, for choosing one: an option each, named. */
export const useStaff = () => {
  const { api } = useSession();
  const staff = useLoaded(() => api.get<Staff>('/staff?limit=200'), []);
  return staff.value?.items ?? [];
};

export const StaffOptions = ({ staff }: { staff: Staff['items'] }) => (
  <>
    {staff.map((s) => (
      <option value={s.staffId} key={s.staffId}>
        {s.name}
      </option>
    ))}
  </>
);
