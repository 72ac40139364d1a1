/**
 * Payment references: what a customer quotes when paying, so the bank statement line finds its
 * invoice. The Estonian reference number (viitenumber) is 2–20 digits ending in a 7-3-1 check
 * digit; the international creditor reference (ISO 11649) is `RF`, two check digits (ISO 7064
 * MOD 97-10) and up to 21 letters or digits.
 */

const weights = [7, 3, 1];

/** The 7-3-1 check digit of a base of digits, weights applied from the right. */
const checkDigit = (base: string): number => {
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * weights[i % 3]!;
  return (10 - (sum % 10)) % 10;
};

/** The digits of an invoice number (`2026-000042` → `2026000042`), as a reference's base. */
export const referenceBase = (invoiceNumber: string): string => {
  const digits = invoiceNumber.replace(/\D/g, '').replace(/^0+/, '');
  return digits === '' ? '0' : digits.slice(-19);
};

/** The Estonian reference number for a base of 1–19 digits: the base and its check digit. */
export const estonianReference = (base: string): string => `${base}${checkDigit(base)}`;

export const isEstonianReference = (value: string): boolean =>
  /^\d{2,20}$/.test(value) && checkDigit(value.slice(0, -1)) === Number(value.slice(-1));

/** Letters as ISO 7064 numbers (A = 10 … Z = 35), then the remainder mod 97, piecewise. */
const mod97 = (text: string): number => {
  let rest = 0;
  for (const ch of text.toUpperCase()) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
};

/** The ISO 11649 creditor reference for up to 21 letters and digits. */
export const creditorReference = (base: string): string => {
  const check = 98 - mod97(`${base}RF00`);
  return `RF${String(check).padStart(2, '0')}${base.toUpperCase()}`;
};

export const isCreditorReference = (value: string): boolean => {
  const compact = value.replace(/\s/g, '').toUpperCase();
  return (
    /^RF\d{2}[A-Z0-9]{1,21}$/.test(compact) &&
    mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1
  );
};

/** A reference as banks print and customers type it: spaces removed, letters upper case. */
export const compactReference = (value: string): string => value.replace(/\s/g, '').toUpperCase();
