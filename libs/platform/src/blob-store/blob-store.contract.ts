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
