import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useSession } from '../context';
import { colorMeaning, majorUnits, moneyText, type NextActionColor } from '../logic';
import { CsvButton, ErrorNote, Page, useLoaded } from './shared';

type Card = {
  dealId: string;
  title: string;
  customer: { id: string; name: string | null };
  value: { amount: number; currency: string };
  ownerId: string;
  daysInStage: number;
  nextAction: { dueOn: string; description: string } | null;
  nextActionColor: NextActionColor;
  rotting: boolean;
  revision: number | null;
};
type Stage = {
  stageId: string;
  name: string;
  probability?: number | null;
  count: number;
  totals: Record<string, number>;
  weightedTotals: Record<string, number>;
  cards: Card[];
  nextCursor?: string;
};
type Board = { pipelineId: string; name: string; today: string; stages: Stage[] };
type Pipelines = { items: { pipelineId: string; name: string }[] };

const DealCard = (props: {
  card: Card;
  stages: Stage[];
  stageId: string;
  onMove: (card: Card, stageId: string) => void;
}) => {
  const { t, language } = useSession();
  const { card } = props;
  return (
    <li
      class={`card card-${card.nextActionColor}${card.rotting ? ' rotting' : ''}`}
      draggable
      data-deal-id={card.dealId}
      onDragStart={(e) => {
        e.dataTransfer?.setData('text/plain', card.dealId);
      }}
    >
      <a class="card-title" href={`#/customers/${card.customer.id}`}>
        {card.title}
      </a>
      <div class="card-customer">{card.customer.name}</div>
      <div class="card-value">
        {moneyText({ [card.value.currency]: card.value.amount }, language)}
      </div>
      <div class="card-action">
        <span class="dot" aria-hidden="true" /> {t(colorMeaning(card.nextActionColor))}
        {card.nextAction ? `: ${card.nextAction.dueOn} ${card.nextAction.description}` : ''}
      </div>
      {card.rotting && <div class="rotting-mark">{t('rotting')}</div>}
      <label class="move">
        <span class="visually-hidden">
          {t('moveTo')} ({card.title})
        </span>
        <select
          value={props.stageId}
          onChange={(e) => {
            props.onMove(card, e.currentTarget.value);
          }}
        >
          {props.stages.map((s) => (
            <option value={s.stageId} key={s.stageId}>
              {s.stageId === props.stageId ? s.name : `${t('moveTo')}: ${s.name}`}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
};

const BoardView = ({ pipelineId }: { pipelineId: string }) => {
  const { api, t, timeZone, language } = useSession();
  const board = useLoaded(
    () =>
      api.get<Board>(`/pipelines/${pipelineId}/board?tz=${encodeURIComponent(timeZone)}&limit=20`),
    [pipelineId],
  );
  const [more, setMore] = useState<Record<string, { cards: Card[]; cursor?: string }>>({});
  const [notice, setNotice] = useState<{ conflict: boolean; text: string } | undefined>();
  const [error, setError] = useState<unknown>();

  const cardsOf = (stage: Stage) => [...stage.cards, ...(more[stage.stageId]?.cards ?? [])];
  const cursorOf = (stage: Stage) =>
    stage.stageId in more ? more[stage.stageId]?.cursor : stage.nextCursor;

  const move = async (card: Card, stageId: string) => {
    setNotice(undefined);
    setError(undefined);
    try {
      await api.command(
        `/deals/${card.dealId}/stage`,
        { stageId },
        card.revision === null ? {} : { ifMatch: card.revision },
      );
      setMore({});
      setNotice({ conflict: false, text: t('moved') });
      board.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412)
        setNotice({ conflict: true, text: t('conflict') });
      else setError(e);
    }
  };
  const loadMore = async (stage: Stage) => {
    const cursor = cursorOf(stage);
    if (!cursor) return;
    try {
      const page = await api.get<{ items: Card[]; nextCursor?: string }>(
        `/pipelines/${pipelineId}/board/stages/${stage.stageId}/cards?tz=${encodeURIComponent(timeZone)}&limit=20&cursor=${encodeURIComponent(cursor)}`,
      );
      setMore((m) => ({
        ...m,
        [stage.stageId]: {
          cards: [...(m[stage.stageId]?.cards ?? []), ...page.items],
          ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
        },
      }));
    } catch (e) {
      setError(e);
    }
  };

  if (board.error) return <ErrorNote error={board.error} />;
  const value = board.value;
  if (!value) return <p aria-busy="true">{t('loading')}</p>;
  return (
    <>
      <div class="board-tools">
        <CsvButton
          name={`board-${value.name}.csv`}
          columns={[
            'stage',
            'dealId',
            'title',
            'customer',
            'amount',
            'currency',
            'nextActionColor',
            'nextActionDueOn',
            'rotting',
            'daysInStage',
          ]}
          rows={() =>
            value.stages.flatMap((s) =>
              cardsOf(s).map((c) => ({
                stage: s.name,
                dealId: c.dealId,
                title: c.title,
                customer: c.customer.name,
                amount: majorUnits(c.value.amount, c.value.currency),
                currency: c.value.currency,
                nextActionColor: c.nextActionColor,
                nextActionDueOn: c.nextAction?.dueOn,
                rotting: c.rotting,
                daysInStage: c.daysInStage,
              })),
            )
          }
        />
        <span class="today">{value.today}</span>
      </div>
      {notice && (
        <p role="status" class={notice.conflict ? 'notice conflict' : 'notice'}>
          {notice.text}{' '}
          {notice.conflict && (
            <button
              type="button"
              onClick={() => {
                setNotice(undefined);
                setMore({});
                board.reload();
              }}
            >
              {t('reload')}
            </button>
          )}
        </p>
      )}
      <ErrorNote error={error} />
      <div class="board" role="list">
        {value.stages.map((stage) => (
          <section
            class="stage"
            role="listitem"
            key={stage.stageId}
            data-stage-id={stage.stageId}
            aria-label={stage.name}
            onDragOver={(e) => {
              e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              const dealId = e.dataTransfer?.getData('text/plain');
              const card = value.stages.flatMap(cardsOf).find((c) => c.dealId === dealId);
              if (card && !cardsOf(stage).includes(card)) void move(card, stage.stageId);
            }}
          >
            <h2>
              {stage.name} <span class="count">{stage.count}</span>
            </h2>
            <dl class="totals">
              <dt>{t('total')}</dt>
              <dd>{moneyText(stage.totals, language)}</dd>
              <dt>
                {t('weighted')}
                {typeof stage.probability === 'number' ? ` (${stage.probability} %)` : ''}
              </dt>
              <dd>{moneyText(stage.weightedTotals, language)}</dd>
            </dl>
            <ul
              class="cards"
              onScroll={(e) => {
                const el = e.currentTarget;
                if (el.scrollTop + el.clientHeight >= el.scrollHeight - 40) void loadMore(stage);
              }}
            >
              {cardsOf(stage).map((card) => (
                <DealCard
                  key={card.dealId}
                  card={card}
                  stages={value.stages}
                  stageId={stage.stageId}
                  onMove={(c, s) => void move(c, s)}
                />
              ))}
            </ul>
            {cursorOf(stage) && (
              <button type="button" class="more" onClick={() => void loadMore(stage)}>
                {t('moreCards')}
              </button>
            )}
          </section>
        ))}
      </div>
    </>
  );
};

export const BoardPage = ({ pipelineId }: { pipelineId?: string }) => {
  const { api, t } = useSession();
  const pipelines = useLoaded(() => api.get<Pipelines>('/pipelines'), []);
  const chosen = pipelineId ?? pipelines.value?.items[0]?.pipelineId;
  return (
    <Page
      title={t('board')}
      tools={
        <label>
          {t('pipeline')}{' '}
          <select
            value={chosen}
            onChange={(e) => {
              location.hash = `#/board/${e.currentTarget.value}`;
            }}
          >
            {pipelines.value?.items.map((p) => (
              <option value={p.pipelineId} key={p.pipelineId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorNote error={pipelines.error} />
      {chosen && <BoardView pipelineId={chosen} key={chosen} />}
    </Page>
  );
};
