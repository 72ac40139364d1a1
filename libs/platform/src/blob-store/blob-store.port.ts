import { type Readable } from 'node:stream';

/** Content stored once and addressed by its SHA-256 (hex). */
export type StoredBlob = { sha256: string; size: number };

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The content is larger than ${limit} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/**
 * Document contents. `put` streams the bytes in, hashing and counting them, and keeps them
 * under their hash (the same content twice is stored once); nothing half-written is ever
 * visible under a hash. `head` is the first bytes seen, for sniffing the media type.
 */
export type BlobStore = {
  put(content: Readable, limit: number): Promise<StoredBlob & { head: Buffer }>;
  get(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Removes the content for good (an erasure); false when there was none. */
  delete(sha256: string): Promise<boolean>;
  /** Every stored content, with when it was stored: what a sweep looks through. */
  list(): AsyncIterable<{ sha256: string; storedAt: Date }>;
  /** Removes what interrupted uploads left half-written before `olderThan`; answers how many. */
  sweepTemporary(olderThan: Date): Promise<number>;
};
