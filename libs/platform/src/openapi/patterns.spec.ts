import { uuidParam } from '../uuid-param';
import { UUID_PATTERN } from './complete-document';
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

describe('the pattern of path ids', () => {
  it('accepts exactly what the path id check accepts', async () => {
    const pipe = uuidParam();
    const accepted = async (value: string) =>
      pipe.transform(value, { type: 'param' }).then(
        () => true,
        () => false,
      );
    for (const sample of [
      '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
      '3F2B8C1E-4D5A-7B6C-AD7E-9F0A1B2C3D4E',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '3f2b8c1e-4d5a-0b6c-8d7e-9f0a1b2c3d4e',
      '3f2b8c1e-4d5a-4b6c-cd7e-9f0a1b2c3d4e',
      '3f2b8c1e4d5a4b6c8d7e9f0a1b2c3d4e',
      'wvq6sftwkozlk_ub9',
      '',
    ])
      expect([sample, new RegExp(UUID_PATTERN).test(sample)]).toEqual([
        sample,
        await accepted(sample),
      ]);
  });
});
