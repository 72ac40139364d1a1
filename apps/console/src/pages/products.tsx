import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { majorUnits, minorUnits, moneyText } from '../logic';
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

/** Amounts per currency (minor units) from a list of them. */
const byCurrency = <T extends { currency: string }>(list: T[], amount: (item: T) => number) =>
  Object.fromEntries(list.map((x) => [x.currency, amount(x)]));

/** Amounts per currency as a CSV cell, in each currency's unit: "4500 EUR · 51000 SEK". */
const csvMoney = (amounts: Record<string, number>) =>
  Object.entries(amounts)
    .map(([currency, amount]) => `${majorUnits(amount, currency)} ${currency}`)
    .join(' · ');

/** A price in the currency's unit, as typed. */
const PriceInput = (props: {
  name: string;
  value: string;
  required?: boolean;
  onInput: (value: string) => void;
}) => {
  const { t } = useSession();
  return (
    <label>
      {t('price')}{' '}
      <input
        name={props.name}
        type="number"
        min={0}
        step="any"
        required={props.required ?? false}
        value={props.value}
        onInput={(e) => {
          props.onInput(e.currentTarget.value);
        }}
      />
    </label>
  );
};

/** A manager's or admin's forms: a product added to the catalogue, a price set in a currency. */
const CatalogueForms = (props: {
  products: Product[];
  onSaved: (what: 'added' | 'priced') => void;
}) => {
  const { api, t } = useSession();
  const blank = { productCode: '', name: '', kind: 'service', unit: '', vatRate: '24', price: '' };
  const [draft, setDraft] = useState(blank);
  const [currency, setCurrency] = useState('EUR');
  const [priced, setPriced] = useState({ productCode: '', price: '' });
  const [saved, setSaved] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const done = (what: 'added' | 'priced') => () => {
    setSaved(t(what === 'added' ? 'productAdded' : 'priceSet'));
    setError(undefined);
    props.onSaved(what);
  };
  const field = (name: keyof typeof blank, label: string, attrs: Record<string, unknown> = {}) => (
    <label>
      {label}{' '}
      <input
        name={name}
        value={draft[name]}
        required
        {...attrs}
        onInput={(e) => {
          setDraft({ ...draft, [name]: e.currentTarget.value });
        }}
      />
    </label>
  );
  // A fresh element for each form: one element is not rendered in two places.
  const currencyField = () => (
    <label>
      {t('currency')}{' '}
      <input
        name="currency"
        value={currency}
        required
        pattern="[A-Z]{3}"
        size={4}
        onInput={(e) => {
          setCurrency(e.currentTarget.value.toUpperCase());
        }}
      />
    </label>
  );
  return (
    <div class="catalogue-forms">
      <form
        aria-labelledby="add-product"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(undefined);
          api
            .command('/products', {
              productCode: draft.productCode.trim(),
              name: draft.name.trim(),
              kind: draft.kind,
              unit: draft.unit.trim(),
              vatRate: Number(draft.vatRate),
              prices:
                draft.price.trim() === ''
                  ? []
                  : [{ currency, unitPrice: minorUnits(Number(draft.price), currency) }],
            })
            .then(() => {
              setDraft(blank);
              done('added')();
            }, setError);
        }}
      >
        <h2 id="add-product">{t('addProduct')}</h2>
        {field('productCode', t('productCode'), {
          maxLength: 40,
          pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]*',
        })}{' '}
        {field('name', t('name'), { maxLength: 200 })}{' '}
        <label>
          {t('productKind')}{' '}
          <select
            name="kind"
            value={draft.kind}
            onChange={(e) => {
              setDraft({ ...draft, kind: e.currentTarget.value });
            }}
          >
            <option value="service">{t('kind_service')}</option>
            <option value="product">{t('kind_product')}</option>
          </select>
        </label>{' '}
        {field('unit', t('unit'), { maxLength: 20, size: 6 })}{' '}
        {field('vatRate', t('vatRate'), { type: 'number', min: 0, max: 100, step: 0.01, size: 5 })}{' '}
        <PriceInput
          name="price"
          value={draft.price}
          onInput={(price) => {
            setDraft({ ...draft, price });
          }}
        />{' '}
        {currencyField()} <button type="submit">{t('save')}</button>
      </form>
      <form
        aria-labelledby="set-price"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(undefined);
          api
            .command(`/products/${encodeURIComponent(priced.productCode)}/prices`, {
              currency,
              unitPrice: minorUnits(Number(priced.price), currency),
            })
            .then(() => {
              setPriced({ ...priced, price: '' });
              done('priced')();
            }, setError);
        }}
      >
        <h2 id="set-price">{t('setPrice')}</h2>
        <label>
          {t('productCode')}{' '}
          <select
            name="priceCode"
            value={priced.productCode}
            required
            onChange={(e) => {
              setPriced({ ...priced, productCode: e.currentTarget.value });
            }}
          >
            <option value="">—</option>
            {props.products
              .filter((p) => p.status === 'active')
              .map((p) => (
                <option value={p.productCode} key={p.productCode}>
                  {p.productCode} {p.name}
                </option>
              ))}
          </select>
        </label>{' '}
        <PriceInput
          name="newPrice"
          required
          value={priced.price}
          onInput={(price) => {
            setPriced({ ...priced, price });
          }}
        />{' '}
        {currencyField()} <button type="submit">{t('save')}</button>
      </form>
      {saved && <p role="status">{saved}</p>}
      <ErrorNote error={error} />
    </div>
  );
};

/** The product catalogue: what is sold, at what price, and how much of it was. */
export const ProductsPage = () => {
  const { api, t, language, roles } = useSession();
  const keeps = roles.some((r) => r === 'manager' || r === 'admin');
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [status, setStatus] = useState<(typeof statuses)[number]>('active');
  const [more, setMore] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [moreError, setMoreError] = useState<unknown>();
  const [rowError, setRowError] = useState<unknown>();
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
    moneyText(
      byCurrency(p.prices, (x) => x.unitPrice),
      language,
    );
  const sold = (p: Product) =>
    moneyText(
      byCurrency(p.sold, (x) => x.net),
      language,
    );
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
                  prices: csvMoney(byCurrency(p.prices, (x) => x.unitPrice)),
                  soldQuantity: quantity(p),
                  soldNet: csvMoney(byCurrency(p.sold, (x) => x.net)),
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
      {keeps && (
        <CatalogueForms
          products={items}
          onSaved={(what) => {
            // What was just added shows: no search or filter left to hide it.
            if (what === 'added') {
              setQ('');
              setAsked('');
              setStatus('active');
            }
            first.reload();
          }}
        />
      )}
      <ErrorNote error={first.error ?? moreError ?? rowError} />
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
              {keeps && <th scope="col">{t('actions')}</th>}
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
                {keeps && (
                  <td>
                    <button
                      type="button"
                      aria-label={`${t(p.status === 'active' ? 'retire' : 'restore')} ${p.productCode}`}
                      onClick={() => {
                        const action = p.status === 'active' ? 'retire' : 'restore';
                        api
                          .command(`/products/${encodeURIComponent(p.productCode)}/${action}`, {})
                          .then(() => {
                            setRowError(undefined);
                            first.reload();
                          }, setRowError);
                      }}
                    >
                      {t(p.status === 'active' ? 'retire' : 'restore')}
                    </button>
                  </td>
                )}
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
