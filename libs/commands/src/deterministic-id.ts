import { createHash } from 'node:crypto';

const NAMESPACE = Buffer.from('6f1c2b7e4d3a4e5f9a8b7c6d5e4f3a2b', 'hex');

/** RFC 4122 version-5 UUID: the same name always gives the same id. */
export const deterministicId = (name: string): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
