import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../libs/platform/src/auth/jwt';

export const dist = join(__dirname, '..');
export const dir = mkdtempSync(join(tmpdir(), 'kroonika-bench-'));
export const children: ChildProcess[] = [];

/** Starts a built entry point and resolves with the port it prints, and the process. */
export const start = (entry: string, env: Record<string, string>) =>
  new Promise<{ port: number; child: ChildProcess }>((resolve, reject) => {
    // BENCH_PROFILE=<dir>: each server writes a V8 CPU profile there when it exits.
    const profile = process.env['BENCH_PROFILE'];
    const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    const child = spawn(process.execPath, [...flags, join(dist, entry)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.stdout.on('data', (chunk: Buffer) => {
      const m =
        /(?:listening on http:\/\/127\.0\.0\.1:|status on http:\/\/127\.0\.0\.1:|listening )(\d+)/.exec(
          chunk.toString(),
        );
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${entry} exited with ${String(code ?? signal)}`));
    });
  });

/** Starts a built entry point and resolves with the port it prints. */
export const serve = async (entry: string, env: Record<string, string>) =>
  (await start(entry, env)).port;

export const dataDir = join(dir, 'data');

/** A token for the initial admin the command API registered in the bench's data directory. */
export const adminToken = () => {
  const secret = readFileSync(join(dataDir, 'auth-secret'), 'utf8').trim();
  const sub = readFileSync(join(dataDir, 'initial-admin-id'), 'utf8').trim();
  return signToken(
    { sub, roles: ['admin', 'manager', 'sales'], exp: Math.floor(Date.now() / 1000) + 3600 },
    Buffer.from(secret),
  );
};
