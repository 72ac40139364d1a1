import { type DocumentAttached } from '#events';
import { type From } from './from';

export type DocumentDoc = From<DocumentAttached['data'], 'documentId'> & {
  removed: boolean;
  removedAt?: string;
  removeReason?: string;
  /** Its customer's personal data was erased: the content is gone, the name erased. */
  contentErased?: boolean;
};
