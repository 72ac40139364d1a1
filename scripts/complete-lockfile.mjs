// Some registries do not serve every platform binary of packages such as @swc/core; npm
// then leaves those optional dependencies out of package-lock.json and `npm ci` refuses the
// lock. This adds them back as optional entries tagged with their os/cpu (taken from the
// package name), which npm skips on other platforms. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform =
  /-(darwin|linux|win32|android|freebsd|openharmony)-(arm64|x64|arm|ppc64|s390x|ia32|loong64|riscv64)(?:-|$)/;
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    const m = platform.exec(name);
    if (!m) throw new Error(`${name} is missing from the lock and names no platform`);
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [m[1]],
      cpu: [m[2]],
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} platform entries added\n`);
