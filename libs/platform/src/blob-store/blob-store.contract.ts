import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobStoreFeatures } from './blob-store.features';
import { FsBlobStore } from './fs-blob-store';
import { MemoryBlobStore } from './memory-blob-store';

blobStoreFeatures(
  'filesystem',
  () => new FsBlobStore(mkdtempSync(join(tmpdir(), 'kroonika-blobs-'))),
);
blobStoreFeatures('memory', () => new MemoryBlobStore());

describe('filesystem blob store: what interrupted uploads leave', () => {
  it('sweeps temporary files older than asked, and only those', async () => {
    const { mkdirSync, writeFileSync, utimesSync, existsSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'kroonika-blobs-'));
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
