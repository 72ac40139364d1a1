import { foldText } from '#domain';

/**
 * Search terms: lower case, without diacritics (`Õismäe` → `oismae`), split into words;
 * e-mail addresses also whole and by their domain, phone numbers as their digits.
 */
export const normalise = foldText;

export const words = (text: string): string[] =>
  normalise(text)
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .flatMap((w) => [
      w,
      ...(w.includes('@') ? [w.slice(w.indexOf('@') + 1)] : []),
      ...w.split(/[@._+-]+/),
    ])
    .filter((w) => w.length > 0)
    .filter((w, i, all) => all.indexOf(w) === i);

export const digits = (phone: string): string => phone.replace(/\D/g, '');

/**
 * The terms of a phone number: its digits from every position on (four at least), so that a
 * search by the number as written at home (`5551 2345`) finds `+372 5551 2345`: a prefix of
 * one of them is any run of its digits.
 */
export const phoneTerms = (phone: string): string[] => {
  const all = digits(phone);
  return Array.from({ length: Math.max(1, all.length - 3) }, (_, i) => all.slice(i)).filter(
    (d) => d.length > 0,
  );
};
