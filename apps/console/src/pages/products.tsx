import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { majorUnits, moneyText } from '../logic';
import { CsvButton, ErrorNote, Page, useLoaded } from './shared';

type Product = {
  productCode: string;
  name: string;
  kind: 'product' | 'service';
  unit: string;
  vatRate: number;
  description: string | null;
  prices: { currency: string; unitPrice: number }[];
  status: 'active' | 'retired';
  sold: { currency: string; quantity: number; net: number }[];
};
type Products = { items: Product[]; nextCursor?: string };

const statuses = ['active', 'retired', ''] as const;

/** The product catalogue: what is sold, at what price, and how much of it was. */
export const ProductsPage = () => {
  const { api, t, language } = useSession();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [status, setStatus] = useState<(typeof statuses)[number]>('active');
  const [more, setMore] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [moreError, setMoreError] = useState<unknown>();
  const query = (after?: string) =>
    `/products?limit=100${status ? `&status=${status}` : ''}${asked ? `&q=${encodeURIComponent(asked)}` : ''}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
  const first = useLoaded(async () => {
    const page = await api.get<Products>(query());
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  }, [asked, status]);
  const items = [...(first.value ?? []), ...more];
  const prices = (p: Product) =>
    moneyText(Object.fromEntries(p.prices.map((x) => [x.currency, x.unitPrice])), language);
  const sold = (p: Product) =>
    moneyText(Object.fromEntries(p.sold.map((x) => [x.currency, x.net])), language);
  const quantity = (p: Product) => p.sold.reduce((sum, x) => sum + x.quantity, 0);
  return (
    <Page
      title={t('products')}
      tools={
        <>
          <label>
            {t('status')}{' '}
            <select
              value={status}
              onChange={(e) => {
                setStatus(e.currentTarget.value as (typeof statuses)[number]);
              }}
            >
              {statuses.map((s) => (
                <option value={s} key={s}>
                  {s ? t(`status_${s}`) : t('all')}
                </option>
              ))}
            </select>
          </label>
          {items.length > 0 && (
            <CsvButton
              name="products.csv"
              columns={[
                'productCode',
                'name',
                'kind',
                'unit',
                'vatRate',
                'status',
                'prices',
                'soldQuantity',
                'soldNet',
              ]}
              rows={() =>
                items.map((p) => ({
                  productCode: p.productCode,
                  name: p.name,
                  kind: p.kind,
                  unit: p.unit,
                  vatRate: p.vatRate,
                  status: p.status,
                  prices: p.prices
                    .map((x) => `${majorUnits(x.unitPrice, x.currency)} ${x.currency}`)
                    .join(' · '),
                  soldQuantity: quantity(p),
                  soldNet: p.sold
                    .map((x) => `${majorUnits(x.net, x.currency)} ${x.currency}`)
                    .join(' · '),
                }))
              }
            />
          )}
        </>
      }
    >
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(q.trim());
        }}
      >
        <label for="products-q">{t('productsLabel')}</label>{' '}
        <input
          id="products-q"
          type="search"
          value={q}
          onInput={(e) => {
            setQ(e.currentTarget.value);
          }}
        />{' '}
        <button type="submit">{t('search')}</button>
      </form>
      <ErrorNote error={first.error ?? moreError} />
      {first.loading && <p>{t('loading')}</p>}
      {!first.loading && items.length === 0 && <p>{t('noResults')}</p>}
      {items.length > 0 && (
        <table class="report products">
          <thead>
            <tr>
              <th scope="col">{t('productCode')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('productKind')}</th>
              <th scope="col">{t('unit')}</th>
              <th scope="col">{t('vatRate')}</th>
              <th scope="col">{t('prices')}</th>
              <th scope="col">{t('soldQuantity')}</th>
              <th scope="col">{t('sold')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.productCode} class={p.status === 'retired' ? 'muted' : undefined}>
                <th scope="row">{p.productCode}</th>
                <td>
                  {p.name}
                  {p.description && <div class="muted">{p.description}</div>}
                </td>
                <td>{t(`kind_${p.kind}`)}</td>
                <td>{p.unit}</td>
                <td>{p.vatRate.toLocaleString(language)}</td>
                <td>{prices(p)}</td>
                <td>{quantity(p).toLocaleString(language)}</td>
                <td>{sold(p)}</td>
                <td>{t(`status_${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button
          type="button"
          onClick={() => {
            api.get<Products>(query(cursor)).then(
              (page) => {
                setMore((m) => [...m, ...page.items]);
                setCursor(page.nextCursor);
              },
              (e: unknown) => {
                setMoreError(e);
              },
            );
          }}
        >
          {t('morePages')}
        </button>
      )}
    </Page>
  );
};
