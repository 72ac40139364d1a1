// Runs the whole service on the embedded default: builds when sources are newer than the
// build, then starts command-api, projector, query-api and the workers (the workflow runner
// among them), each in its own process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const apps = {
  'command-api': 'dist/apps/command-api/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  'query-api': 'dist/apps/query-api/src/main.js',
  workers: 'dist/apps/workers/src/main.js',
};
buildIfStale();

const env = {
  EVENT_STORE_URL: 'sqlite:./data/events.db',
  READ_STORE_URL: 'sqlite:./data/read.db',
  ...process.env,
};
const children = Object.entries(apps).map(([app, main]) => {
  const child = spawn(process.execPath, [join(root, main)], {
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
