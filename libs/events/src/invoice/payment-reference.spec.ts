import { upcast } from '../upcasting';
import {
  compactReference,
  creditorReference,
  estonianReference,
  isCreditorReference,
  isEstonianReference,
  referenceBase,
} from './payment-reference';

describe('payment references', () => {
  it('makes the Estonian 7-3-1 check digit, weights from the right', () => {
    // 6·7 + 5·3 + 4·1 + 3·7 + 2·3 + 1·1 = 89 → 10 − 9 = 1
    expect(estonianReference('123456')).toBe('1234561');
    // one digit: 1·7 = 7 → 3
    expect(estonianReference('1')).toBe('13');
    expect(estonianReference(referenceBase('2026-000001'))).toBe('20260000011');
  });

  it('checks an Estonian reference number', () => {
    expect(isEstonianReference('1234561')).toBe(true);
    expect(isEstonianReference('1234562')).toBe(false);
    expect(isEstonianReference('1')).toBe(false);
    expect(isEstonianReference('123456789012345678901')).toBe(false);
    expect(isEstonianReference('12a4561')).toBe(false);
  });

  it('makes and checks ISO 11649 creditor references', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(isCreditorReference('RF18539007547034')).toBe(true);
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('RF19539007547034')).toBe(false);
    expect(isCreditorReference(creditorReference('2026000001'))).toBe(true);
    expect(isCreditorReference('RF00')).toBe(false);
  });

  it('reads a reference as banks print it', () => {
    expect(compactReference('rf18 5390 0754 7034')).toBe('RF18539007547034');
    expect(referenceBase('CN-2026-000042')).toBe('2026000042');
  });

  it('gives a v1 invoice the reference it would have got', () => {
    const lifted = upcast('InvoiceIssued', 1, { invoiceId: 'i1', number: '2026-000001' });
    expect(lifted).toEqual({
      schemaVersion: 2,
      data: { invoiceId: 'i1', number: '2026-000001', paymentReference: '20260000011' },
    });
  });
});
