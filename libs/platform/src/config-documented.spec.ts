import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** Every variable the configuration reads, as its source names them. */
const variablesRead = (): string[] => {
  const source = readFileSync(join(__dirname, 'config.ts'), 'utf8');
  return [...new Set([...source.matchAll(/env\['([A-Z0-9_]+)'\]/g)].map((m) => m[1]!))].sort();
};

/** The variables the README's configuration table names, each in full. */
const variablesDocumented = (): Set<string> => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Operations'));
  return new Set(
    table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!)),
  );
};

describe('the configuration table of the README', () => {
  it('names every variable the service reads', () => {
    const documented = variablesDocumented();
    expect(variablesRead().filter((name) => !documented.has(name))).toEqual([]);
  });
});
