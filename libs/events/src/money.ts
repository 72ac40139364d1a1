/** ISO 4217 currencies whose minor unit is not a hundredth. */
const exponents: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/**
 * How many decimals a currency's minor unit has, by ISO 4217 (HUF 2, JPY 0, KWD 3): what an
 * amount in minor units is divided by. Not the digits a locale displays (CLDR shows HUF whole).
 */
export const currencyExponent = (currency: string): number => exponents[currency] ?? 2;

/**
 * An amount in minor units as plain text with its currency, in the currency's own decimals:
 * `120050 EUR` is "1200.50 EUR", `1200 JPY` "1200 JPY". For messages and summaries; documents
 * for customers format money in their language.
 */
export const plainMoney = (minor: number, currency: string): string => {
  const digits = currencyExponent(currency);
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
};
