// JavaScript's whitespace (\s), which other engines draw a little differently.
const space =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

const ascii: Record<string, [inClass: string | undefined, alone: string]> = {
  d: ['0-9', '[0-9]'],
  w: ['A-Za-z0-9_', '[A-Za-z0-9_]'],
  s: [space, `[${space}]`],
  S: [undefined, `[^${space}]`],
};

/**
 * A JavaScript pattern as any reader takes it: `\d`, `\w`, `\s`, `\S` and `.` spelled out as
 * the classes they are in JavaScript (in Python, for one, `\d` also matches other scripts'
 * digits and `.` matches a carriage return).
 */
export const asciiPattern = (pattern: string): string => {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      const spelled = ascii[next]?.[inClass ? 0 : 1];
      out += spelled ?? c + next;
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '.' && !inClass) {
      out += '[^\\n\\r\\u2028\\u2029]';
      continue;
    }
    out += c;
  }
  return out;
};
