import { type ProductEvent, type ProductKind, type ProductPrice } from '#events';
import { type InvoiceLineInput } from '../invoice/invoice-math';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

/** A code names its catalogue entry for good: upper case letters, digits, `.`, `_`, `-`. */
export const PRODUCT_CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
/** A code as requests may send it, in any case. */
export const PRODUCT_CODE_SENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A code sent in any case, as the catalogue keeps it. */
export const productCodeOf = (sent: string): string => sent.toUpperCase();

export type CatalogueEntry = {
  productCode: string;
  name: string;
  kind: ProductKind;
  unit: string;
  vatRate: number;
  /** Unit prices by currency, minor units. */
  prices: Record<string, number>;
  description?: string;
};

export type ProductState = { status: 'none' } | ({ status: 'active' | 'retired' } & CatalogueEntry);

type Now = { productCode: string; now: string };
export type AddProduct = {
  type: 'AddProduct';
  name: string;
  kind: ProductKind;
  unit: string;
  vatRate: number;
  prices: ProductPrice[];
  description?: string;
} & Now;
export type ChangeProductDetails = {
  type: 'ChangeProductDetails';
  name?: string;
  kind?: ProductKind;
  unit?: string;
  vatRate?: number;
  description?: string;
} & Now;
export type PriceProduct = {
  type: 'PriceProduct';
  currency: string;
  unitPrice: number | null;
} & Now;
export type RetireProduct = { type: 'RetireProduct'; reason?: string } & Now;
export type RestoreProduct = { type: 'RestoreProduct' } & Now;
export type ProductCommand =
  AddProduct | ChangeProductDetails | PriceProduct | RetireProduct | RestoreProduct;

const text = (value: string, rule: string, what: string) => {
  const out = value.trim();
  if (out === '') throw violated(rule, `A product needs ${what}`);
  return out;
};

const known = (state: ProductState, productCode: string) => {
  if (state.status === 'none') throw notFound('product', productCode);
  return state;
};

const sold = (state: ProductState, productCode: string) => {
  const entry = known(state, productCode);
  if (entry.status === 'retired')
    throw violated('product-retired', `The product ${productCode} is retired; restore it first`);
  return entry;
};

const add = (command: AddProduct, state: ProductState): ProductEvent[] => {
  const { productCode } = command;
  if (!PRODUCT_CODE.test(productCode))
    throw violated('product-code-invalid', 'A product code is upper-case letters, digits, . _ -');
  // The code stays its entry's for good, retired or not: lines that named it read one way.
  if (state.status !== 'none') throw alreadyExists('product', productCode);
  const currencies = new Set(command.prices.map((p) => p.currency));
  if (currencies.size !== command.prices.length)
    throw violated('price-currency-twice', 'A product has one price per currency');
  const description = command.description?.trim();
  return [
    {
      type: 'ProductAdded',
      data: {
        productCode,
        name: text(command.name, 'product-name-required', 'a name'),
        kind: command.kind,
        unit: text(command.unit, 'product-unit-required', 'a unit'),
        vatRate: command.vatRate,
        prices: command.prices.map((p) => ({ currency: p.currency, unitPrice: p.unitPrice })),
        ...(description ? { description } : {}),
        addedAt: command.now,
      },
    },
  ];
};

const changeDetails = (command: ChangeProductDetails, state: ProductState): ProductEvent[] => {
  const entry = sold(state, command.productCode);
  const name =
    command.name === undefined ? undefined : text(command.name, 'product-name-required', 'a name');
  const unit =
    command.unit === undefined ? undefined : text(command.unit, 'product-unit-required', 'a unit');
  const description = command.description?.trim();
  const changes = {
    ...(name !== undefined && name !== entry.name ? { name } : {}),
    ...(command.kind !== undefined && command.kind !== entry.kind ? { kind: command.kind } : {}),
    ...(unit !== undefined && unit !== entry.unit ? { unit } : {}),
    ...(command.vatRate !== undefined && command.vatRate !== entry.vatRate
      ? { vatRate: command.vatRate }
      : {}),
    ...(description !== undefined && description !== (entry.description ?? '')
      ? { description }
      : {}),
  };
  if (Object.keys(changes).length === 0) return [];
  return [
    {
      type: 'ProductDetailsChanged',
      data: { productCode: entry.productCode, ...changes, changedAt: command.now },
    },
  ];
};

const price = (command: PriceProduct, state: ProductState): ProductEvent[] => {
  const entry = sold(state, command.productCode);
  const previous = entry.prices[command.currency] ?? null;
  if (previous === command.unitPrice) return [];
  return [
    {
      type: 'ProductPriced',
      data: {
        productCode: entry.productCode,
        currency: command.currency,
        unitPrice: command.unitPrice,
        previousUnitPrice: previous,
        pricedAt: command.now,
      },
    },
  ];
};

const decide = (command: ProductCommand, state: ProductState): ProductEvent[] => {
  switch (command.type) {
    case 'AddProduct':
      return add(command, state);
    case 'ChangeProductDetails':
      return changeDetails(command, state);
    case 'PriceProduct':
      return price(command, state);
    case 'RetireProduct': {
      const entry = known(state, command.productCode);
      if (entry.status === 'retired') return [];
      const reason = command.reason?.trim();
      return [
        {
          type: 'ProductRetired',
          data: {
            productCode: entry.productCode,
            ...(reason ? { reason } : {}),
            retiredAt: command.now,
          },
        },
      ];
    }
    case 'RestoreProduct': {
      const entry = known(state, command.productCode);
      if (entry.status === 'active') return [];
      return [
        {
          type: 'ProductRestored',
          data: { productCode: entry.productCode, restoredAt: command.now },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: ProductState, event: ProductEvent): ProductState => {
  if (event.type === 'ProductAdded') {
    const { productCode, name, kind, unit, vatRate, prices, description } = event.data;
    return {
      status: 'active',
      productCode,
      name,
      kind,
      unit,
      vatRate,
      prices: Object.fromEntries(prices.map((p) => [p.currency, p.unitPrice])),
      ...(description ? { description } : {}),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ProductDetailsChanged': {
      const { productCode: _code, changedAt: _at, description, ...changes } = event.data;
      const { description: _old, ...rest } = state;
      const kept = description === undefined ? state.description : description;
      return { ...rest, ...changes, ...(kept ? { description: kept } : {}) };
    }
    case 'ProductPriced': {
      const { [event.data.currency]: _old, ...prices } = state.prices;
      return {
        ...state,
        prices:
          event.data.unitPrice === null
            ? prices
            : { ...prices, [event.data.currency]: event.data.unitPrice },
      };
    }
    case 'ProductRetired':
      return { ...state, status: 'retired' };
    case 'ProductRestored':
      return { ...state, status: 'active' };
    default:
      return unreachable(event);
  }
};

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};

/** An offer or invoice line as sent: what it leaves out, a line naming a product takes from it. */
export type LineRequest = {
  productCode?: string;
  description?: string;
  quantity: number;
  unitPrice?: number;
  discountPercent?: number;
  vatRate?: number;
  kind?: ProductKind;
  unit?: string;
};

export type CatalogueLine = InvoiceLineInput & { kind?: ProductKind };

/**
 * A line naming a product: its text, unit price in the line's currency, VAT rate, kind and unit
 * from the catalogue unless the line gives its own (a price agreed for this customer). The
 * product must be sold (not retired) and, unless the line has a price, priced in the currency.
 */
export const catalogueLine = (
  line: LineRequest & { productCode: string },
  product: ProductState,
  currency: string,
): CatalogueLine => {
  const entry = sold(product, line.productCode);
  const unitPrice = line.unitPrice ?? entry.prices[currency];
  if (unitPrice === undefined)
    throw violated(
      'product-not-priced',
      `The product ${entry.productCode} has no price in ${currency}; give the line a unitPrice`,
    );
  return {
    productCode: entry.productCode,
    description: line.description ?? entry.name,
    quantity: line.quantity,
    unitPrice,
    discountPercent: line.discountPercent ?? 0,
    vatRate: line.vatRate ?? entry.vatRate,
    kind: line.kind ?? entry.kind,
    unit: line.unit ?? entry.unit,
  };
};
