// Runs the whole service on the embedded default: builds when sources are newer than the
// build, then starts command-api, projector and query-api, each in its own process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const apps = ['command-api', 'projector', 'query-api'];

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
};

const built = join(root, 'dist/.tsbuildinfo');
const stale =
  !existsSync(built) ||
  Math.max(newest(join(root, 'apps')), newest(join(root, 'libs'))) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('building…\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = {
  EVENT_STORE_URL: 'sqlite:./data/events.db',
  READ_STORE_URL: 'sqlite:./data/read.db',
  ...process.env,
};
const children = apps.map((app) => {
  const child = spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line) out.write(`[${app}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    process.stderr.write(`[${app}] exited (${signal ?? code})\n`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
