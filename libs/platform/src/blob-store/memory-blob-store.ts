import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobStore } from './blob-store.port';
import { measuring } from './fs-blob-store';

/** Blobs in memory, for tests. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly stored = new Map<string, Date>();

  async put(content: Readable, limit: number) {
    const chunks: Buffer[] = [];
    const measure = measuring(limit);
    await pipeline(
      content,
      measure.stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    const blob = measure.result();
    this.blobs.set(blob.sha256, Buffer.concat(chunks));
    if (!this.stored.has(blob.sha256)) this.stored.set(blob.sha256, new Date());
    return blob;
  }

  get(sha256: string): Promise<Readable | undefined> {
    const bytes = this.blobs.get(sha256);
    return Promise.resolve(bytes ? Readable.from([bytes]) : undefined);
  }

  has(sha256: string): Promise<boolean> {
    return Promise.resolve(this.blobs.has(sha256));
  }

  delete(sha256: string): Promise<boolean> {
    this.stored.delete(sha256);
    return Promise.resolve(this.blobs.delete(sha256));
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    await Promise.resolve();
    for (const [sha256, storedAt] of [...this.stored]) yield { sha256, storedAt };
  }

  /** Nothing is ever half-written in memory. */
  sweepTemporary(): Promise<number> {
    return Promise.resolve(0);
  }
}
