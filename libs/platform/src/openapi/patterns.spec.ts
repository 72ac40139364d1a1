import { asciiPattern } from './patterns';

describe('patterns in the OpenAPI documents', () => {
  it('spell out the classes JavaScript means by \\d, \\w, \\s, \\S and .', () => {
    expect(asciiPattern('^\\d{4}-\\d{2}$')).toBe('^[0-9]{4}-[0-9]{2}$');
    expect(asciiPattern('^[\\w-]{1,50}$')).toBe('^[A-Za-z0-9_-]{1,50}$');
    expect(asciiPattern('^a.b$')).toBe('^a[^\\n\\r\\u2028\\u2029]b$');
    expect(asciiPattern('^[.]$')).toBe('^[.]$');
    expect(asciiPattern('^\\+?[\\d ()-]{3,40}$')).toBe('^\\+?[0-9 ()-]{3,40}$');
  });

  it('match in JavaScript exactly what the original patterns match', () => {
    const cases: [string, string[]][] = [
      ['^\\S(.*\\S)?$', ['a', ' a', 'a ', 'a\rb', 'a b', '\ufeffa', 'a\u00a0', 'x\u2028y']],
      ['^[\\w-]{1,5}$', ['ab_1', 'ä', 'a-b', '']],
      ['^\\d+$', ['123', '١٢٣', '12a']],
      ['^\\s*x$', [' \tx', '\u3000x', 'x']],
    ];
    for (const [pattern, samples] of cases) {
      const original = new RegExp(pattern);
      const spelled = new RegExp(asciiPattern(pattern));
      for (const sample of samples)
        expect([pattern, sample, spelled.test(sample)]).toEqual([
          pattern,
          sample,
          original.test(sample),
        ]);
    }
  });
});
