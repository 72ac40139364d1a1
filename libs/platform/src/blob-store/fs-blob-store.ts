import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, type BlobStore } from './blob-store.port';

const HEAD_BYTES = 4096;
const hashPattern = /^[0-9a-f]{64}$/;

/** Hashes, counts and keeps the first bytes of what passes; fails past the limit. */
export const measuring = (limit: number) => {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) {
        done(new BlobTooLargeError(limit));
        return;
      }
      if (headSize < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return {
    stream,
    result: () => ({ sha256: hash.digest('hex'), size, head: Buffer.concat(head) }),
  };
};

/** Blobs as files `<root>/<first two hex>/<sha256>`, written to a temporary file and renamed. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(sha256: string) {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(content: Readable, limit: number) {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const temp = join(this.root, 'tmp', randomUUID());
    const measure = measuring(limit);
    try {
      await pipeline(content, measure.stream, createWriteStream(temp, { flags: 'wx' }));
      const blob = measure.result();
      await mkdir(join(this.root, blob.sha256.slice(0, 2)), { recursive: true });
      await rename(temp, this.path(blob.sha256));
      return blob;
    } finally {
      await rm(temp, { force: true });
    }
  }

  get(sha256: string): Promise<Readable | undefined> {
    if (!hashPattern.test(sha256) || !existsSync(this.path(sha256)))
      return Promise.resolve(undefined);
    return Promise.resolve(createReadStream(this.path(sha256)));
  }

  has(sha256: string): Promise<boolean> {
    return Promise.resolve(hashPattern.test(sha256) && existsSync(this.path(sha256)));
  }

  async delete(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    await rm(this.path(sha256), { force: true });
    return true;
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    if (!existsSync(this.root)) return;
    for (const prefix of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of await readdir(join(this.root, prefix)))
        if (hashPattern.test(name))
          yield { sha256: name, storedAt: (await stat(join(this.root, prefix, name))).mtime };
    }
  }

  async sweepTemporary(olderThan: Date): Promise<number> {
    const dir = join(this.root, 'tmp');
    if (!existsSync(dir)) return 0;
    let removed = 0;
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      if ((await stat(file)).mtime < olderThan) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
