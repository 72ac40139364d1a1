/** A data key: its id names the subject and generation, e.g. `customer:42/1`. */
export type DataKey = { keyId: string; key: Buffer };

/**
 * Where the keys that seal personal data live, apart from the event store: destroying a
 * subject's keys makes what they sealed unreadable for good (crypto-shredding).
 */
export type KeyStore = {
  /** The subject's live key, created (as the next generation) when it has none. */
  currentKey(subject: string): Promise<DataKey>;
  /** The live keys among `keyIds`; destroyed and unknown ones are absent. */
  keys(keyIds: string[]): Promise<Map<string, Buffer>>;
  /** Destroys every live key of the subject; returns their ids (none: already destroyed). */
  destroy(subject: string): Promise<string[]>;
  close(): Promise<void>;
};

export const KEY_BYTES = 32;

export const keyIdOf = (subject: string, generation: number) => `${subject}/${generation}`;
