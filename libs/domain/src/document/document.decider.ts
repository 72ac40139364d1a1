import { type DocumentEvent, type DocumentLink } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { acceptedMediaTypes, contentMatches } from './media-type';

export type DocumentState =
  | { status: 'none' }
  | { status: 'attached' | 'removed'; documentId: string; customerId: string; name: string };

export type AttachDocument = {
  type: 'AttachDocument';
  documentId: string;
  customerId: string;
  link: DocumentLink;
  name: string;
  declaredType: string;
  declaredSize?: number;
  /** What the blob store measured of the uploaded bytes. */
  content: { sha256: string; size: number; head: Uint8Array };
  now: string;
};
export type RemoveDocument = {
  type: 'RemoveDocument';
  documentId: string;
  reason?: string;
  now: string;
};
export type DocumentCommand = AttachDocument | RemoveDocument;

const decide = (command: DocumentCommand, state: DocumentState): DocumentEvent[] => {
  switch (command.type) {
    case 'AttachDocument': {
      if (state.status !== 'none') throw alreadyExists('document', command.documentId);
      if (command.name.trim() === '' || /[/\\\0]/.test(command.name))
        throw violated('document-name', 'A document needs a file name without path separators');
      if (!acceptedMediaTypes.includes(command.declaredType))
        throw violated(
          'unsupported-media-type',
          `${command.declaredType} documents are not accepted`,
        );
      if (command.declaredSize !== undefined && command.declaredSize !== command.content.size)
        throw violated(
          'document-size-mismatch',
          `${command.content.size} bytes arrived, ${command.declaredSize} were declared`,
        );
      if (command.content.size === 0) throw violated('document-empty', 'The document is empty');
      if (!contentMatches(command.content.head, command.declaredType))
        throw violated('document-type-mismatch', `The content is not ${command.declaredType}`);
      return [
        {
          type: 'DocumentAttached',
          data: {
            documentId: command.documentId,
            customerId: command.customerId,
            link: command.link,
            name: command.name,
            mediaType: command.declaredType,
            size: command.content.size,
            sha256: command.content.sha256,
            attachedAt: command.now,
          },
        },
      ];
    }
    case 'RemoveDocument': {
      if (state.status === 'none') throw notFound('document', command.documentId);
      if (state.status === 'removed') return [];
      return [
        {
          type: 'DocumentRemoved',
          data: {
            documentId: state.documentId,
            customerId: state.customerId,
            name: state.name,
            ...(command.reason ? { reason: command.reason } : {}),
            removedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: DocumentState, event: DocumentEvent): DocumentState => {
  if (event.type === 'DocumentAttached') {
    const { documentId, customerId, name } = event.data;
    return { status: 'attached', documentId, customerId, name };
  }
  return state.status === 'none' ? state : { ...state, status: 'removed' };
};

export const documentDecider: Decider<DocumentCommand, DocumentEvent, DocumentState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
