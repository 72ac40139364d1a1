// Builds when sources (and the JSON they import) under apps/ or libs/ are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.(tsx?|json|css|html)$/.test(entry.name))
      latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
};

export const buildIfStale = () => {
  const built = join(root, 'dist/.tsbuildinfo');
  const stale =
    !existsSync(built) ||
    Math.max(newest(join(root, 'apps')), newest(join(root, 'libs'))) > statSync(built).mtimeMs;
  if (!stale) return;
  process.stderr.write('building…\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) process.exit(build.status ?? 1);
};
