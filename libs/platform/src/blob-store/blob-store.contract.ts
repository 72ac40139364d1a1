import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobStoreFeatures } from './blob-store.features';
import { FsBlobStore } from './fs-blob-store';
import { MemoryBlobStore } from './memory-blob-store';

/** Each store's own directory, removed when the suite is done. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-blobs-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

blobStoreFeatures('filesystem', () => new FsBlobStore(tempDir()));
blobStoreFeatures('memory', () => new MemoryBlobStore());

describe('filesystem blob store: what interrupted uploads leave', () => {
  it('sweeps temporary files older than asked, and only those', async () => {
    const { mkdirSync, writeFileSync, utimesSync, existsSync } = await import('node:fs');
    const root = tempDir();
    mkdirSync(join(root, 'tmp'));
    const old = join(root, 'tmp', 'old');
    const fresh = join(root, 'tmp', 'fresh');
    writeFileSync(old, 'half');
    writeFileSync(fresh, 'half');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    expect(await new FsBlobStore(root).sweepTemporary(new Date(Date.now() - 60_000))).toBe(1);
    expect([existsSync(old), existsSync(fresh)]).toEqual([false, true]);
  });
});
