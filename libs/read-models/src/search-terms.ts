/**
 * Search terms: lower case, without diacritics (`Õismäe` → `oismae`), split into words;
 * e-mail addresses also whole, phone numbers as their digits.
 */
export const normalise = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

export const words = (text: string): string[] =>
  normalise(text)
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .flatMap((w) => [w, ...w.split(/[@._+-]+/)])
    .filter((w) => w.length > 0)
    .filter((w, i, all) => all.indexOf(w) === i);

export const digits = (phone: string): string => phone.replace(/\D/g, '');
