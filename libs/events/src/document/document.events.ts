import { type Event } from '../envelope';

export const documentLinkKinds = ['customer', 'deal', 'invoice', 'ticket'] as const;
/** What a document is attached to. */
export type DocumentLink = { kind: (typeof documentLinkKinds)[number]; id: string };

export type DocumentAttached = Event<
  'DocumentAttached',
  {
    documentId: string;
    customerId: string;
    link: DocumentLink;
    name: string;
    mediaType: string;
    size: number;
    /** The content's address in the blob store. */
    sha256: string;
    attachedAt: string;
  }
>;
/** The document is hidden; the history keeps that it existed. */
export type DocumentRemoved = Event<
  'DocumentRemoved',
  { documentId: string; customerId: string; name: string; reason?: string; removedAt: string }
>;

export type DocumentEvent = DocumentAttached | DocumentRemoved;
