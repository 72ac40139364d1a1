import { type ProductEvent } from '#events';
import { expectRejected, specFor } from '../testing';
import {
  catalogueLine,
  type AddProduct,
  productDecider,
  type ProductState,
} from './product.decider';

const now = '2026-03-01T09:00:00.000Z';
const later = '2026-04-01T09:00:00.000Z';
const given = specFor(productDecider);
const add: AddProduct = {
  type: 'AddProduct',
  productCode: 'SRV-HOOLDUS',
  name: ' Hooldus ',
  kind: 'service',
  unit: 'h',
  vatRate: 24,
  prices: [{ currency: 'EUR', unitPrice: 6500 }],
  now,
};
const added: ProductEvent = {
  type: 'ProductAdded',
  data: {
    productCode: 'SRV-HOOLDUS',
    name: 'Hooldus',
    kind: 'service',
    unit: 'h',
    vatRate: 24,
    prices: [{ currency: 'EUR', unitPrice: 6500 }],
    addedAt: now,
  },
};
const retired: ProductEvent = {
  type: 'ProductRetired',
  data: { productCode: 'SRV-HOOLDUS', retiredAt: later },
};
const stateOf = (events: ProductEvent[]): ProductState =>
  events.reduce(productDecider.evolve, productDecider.initialState());

describe('the product catalogue', () => {
  it('given nothing, when a product is added, then it is, under its code for good', () => {
    given([]).when(add).then([added]);
    given([added]).when(add).thenRejectedWith('product-exists');
    given([added, retired]).when(add).thenRejectedWith('product-exists');
    given([])
      .when({ ...add, productCode: 'srv-1' })
      .thenRejectedWith('product-code-invalid');
    given([])
      .when({ ...add, name: ' ' })
      .thenRejectedWith('product-name-required');
    given([])
      .when({ ...add, unit: '' })
      .thenRejectedWith('product-unit-required');
    given([])
      .when({
        ...add,
        prices: [
          { currency: 'EUR', unitPrice: 1 },
          { currency: 'EUR', unitPrice: 2 },
        ],
      })
      .thenRejectedWith('price-currency-twice');
  });

  it('given a product, when its details change, then only what differs is recorded', () => {
    given([added])
      .when({
        type: 'ChangeProductDetails',
        productCode: 'SRV-HOOLDUS',
        name: 'Hooldus',
        unit: 'h',
        vatRate: 22,
        description: 'Kohapeal',
        now: later,
      })
      .then([
        {
          type: 'ProductDetailsChanged',
          data: {
            productCode: 'SRV-HOOLDUS',
            vatRate: 22,
            description: 'Kohapeal',
            changedAt: later,
          },
        },
      ]);
    given([added])
      .when({ type: 'ChangeProductDetails', productCode: 'SRV-HOOLDUS', name: 'Hooldus', now })
      .thenNothingHappened();
    given([])
      .when({ type: 'ChangeProductDetails', productCode: 'SRV-HOOLDUS', name: 'X', now })
      .thenRejectedWith('product-not-found');
    given([added, retired])
      .when({ type: 'ChangeProductDetails', productCode: 'SRV-HOOLDUS', name: 'X', now })
      .thenRejectedWith('product-retired');
  });

  it('given a product, when it is priced, then the price in that currency changes, or goes with null', () => {
    given([added])
      .when({
        type: 'PriceProduct',
        productCode: 'SRV-HOOLDUS',
        currency: 'EUR',
        unitPrice: 7000,
        now: later,
      })
      .then([
        {
          type: 'ProductPriced',
          data: {
            productCode: 'SRV-HOOLDUS',
            currency: 'EUR',
            unitPrice: 7000,
            previousUnitPrice: 6500,
            pricedAt: later,
          },
        },
      ]);
    given([added])
      .when({
        type: 'PriceProduct',
        productCode: 'SRV-HOOLDUS',
        currency: 'EUR',
        unitPrice: 6500,
        now,
      })
      .thenNothingHappened();
    given([added])
      .when({
        type: 'PriceProduct',
        productCode: 'SRV-HOOLDUS',
        currency: 'SEK',
        unitPrice: null,
        now,
      })
      .thenNothingHappened();
    const unpriced: ProductEvent = {
      type: 'ProductPriced',
      data: {
        productCode: 'SRV-HOOLDUS',
        currency: 'EUR',
        unitPrice: null,
        previousUnitPrice: 6500,
        pricedAt: later,
      },
    };
    given([added])
      .when({
        type: 'PriceProduct',
        productCode: 'SRV-HOOLDUS',
        currency: 'EUR',
        unitPrice: null,
        now: later,
      })
      .then([unpriced]);
    expect(stateOf([added, unpriced])).toMatchObject({ prices: {} });
    given([added, retired])
      .when({
        type: 'PriceProduct',
        productCode: 'SRV-HOOLDUS',
        currency: 'EUR',
        unitPrice: 1,
        now,
      })
      .thenRejectedWith('product-retired');
  });

  it('given a product, when it is retired and restored, then each happens once', () => {
    given([added])
      .when({ type: 'RetireProduct', productCode: 'SRV-HOOLDUS', now: later })
      .then([retired]);
    given([added, retired])
      .when({ type: 'RetireProduct', productCode: 'SRV-HOOLDUS', now: later })
      .thenNothingHappened();
    given([added, retired])
      .when({ type: 'RestoreProduct', productCode: 'SRV-HOOLDUS', now: later })
      .then([{ type: 'ProductRestored', data: { productCode: 'SRV-HOOLDUS', restoredAt: later } }]);
    given([added])
      .when({ type: 'RestoreProduct', productCode: 'SRV-HOOLDUS', now: later })
      .thenNothingHappened();
    given([])
      .when({ type: 'RetireProduct', productCode: 'SRV-HOOLDUS', now: later })
      .thenRejectedWith('product-not-found');
  });
});

describe('a line naming a product', () => {
  const product = stateOf([added]);
  const line = { productCode: 'SRV-HOOLDUS', quantity: 2 };

  it('takes the text, price in its currency, VAT rate and kind from the catalogue', () => {
    expect(catalogueLine(line, product, 'EUR')).toEqual({
      productCode: 'SRV-HOOLDUS',
      description: 'Hooldus',
      quantity: 2,
      unitPrice: 6500,
      discountPercent: 0,
      vatRate: 24,
      kind: 'service',
      unit: 'h',
    });
  });

  it('keeps what the line gives itself: a price agreed with this customer, its own text', () => {
    expect(
      catalogueLine(
        { ...line, unitPrice: 6000, description: 'Hooldus, märts', discountPercent: 5, vatRate: 9 },
        product,
        'EUR',
      ),
    ).toMatchObject({
      unitPrice: 6000,
      description: 'Hooldus, märts',
      discountPercent: 5,
      vatRate: 9,
    });
  });

  it('is refused for a product not priced in the currency, unless the line has a price', () => {
    expectRejected(() => catalogueLine(line, product, 'SEK'), 'product-not-priced');
    expect(catalogueLine({ ...line, unitPrice: 70000 }, product, 'SEK').unitPrice).toBe(70000);
  });

  it('is refused for a product not in the catalogue, or retired', () => {
    expectRejected(() => catalogueLine(line, stateOf([]), 'EUR'), 'product-not-found');
    expectRejected(() => catalogueLine(line, stateOf([added, retired]), 'EUR'), 'product-retired');
  });
});
