import { type DocumentEvent } from '#events';
import { specFor } from '../testing';
import { type AttachDocument, documentDecider } from './document.decider';
import { sniff } from './media-type';

const now = '2026-03-01T09:00:00.000Z';
const spec = specFor(documentDecider);
const bytes = (s: string) => new TextEncoder().encode(s);
const attach: AttachDocument = {
  type: 'AttachDocument',
  documentId: 'doc1',
  customerId: 'c1',
  link: { kind: 'deal', id: 'd1' },
  name: 'offer.pdf',
  declaredType: 'application/pdf',
  declaredSize: 1234,
  content: { sha256: 'ab'.repeat(32), size: 1234, head: bytes('%PDF-1.7\n%âãÏÓ') },
  now,
};
const attached: DocumentEvent = {
  type: 'DocumentAttached',
  data: {
    documentId: 'doc1',
    customerId: 'c1',
    link: { kind: 'deal', id: 'd1' },
    name: 'offer.pdf',
    mediaType: 'application/pdf',
    size: 1234,
    sha256: 'ab'.repeat(32),
    attachedAt: now,
  },
};

describe('media types', () => {
  it('tells families apart by their first bytes', () => {
    expect(sniff(bytes('%PDF-1.4'))).toBe('pdf');
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('zip');
    expect(sniff(bytes('name;amount\nMari;12\n'))).toBe('text');
    expect(sniff(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBeUndefined();
  });
  it('knows the audio of call recordings', () => {
    expect(sniff(bytes('RIFF\u0004\u0000\u0000\u0000WAVEfmt '))).toBe('wav');
    expect(sniff(bytes('ID3\u0004\u0000'))).toBe('mp3');
    expect(sniff(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniff(bytes('OggS\u0000\u0002'))).toBe('ogg');
    expect(sniff(bytes('\u0000\u0000\u0000\u0020ftypM4A '))).toBe('mp4audio');
  });
});

describe('documents', () => {
  it('attaches a document whose bytes match what was declared', () => {
    spec([]).when(attach).then([attached]);
  });
  it('refuses bytes of another type or size than declared', () => {
    spec([])
      .when({ ...attach, content: { ...attach.content, head: new Uint8Array([0x4d, 0x5a, 0, 0]) } })
      .thenRejectedWith('document-type-mismatch');
    spec([])
      .when({ ...attach, declaredType: 'image/png' })
      .thenRejectedWith('document-type-mismatch');
    spec([])
      .when({ ...attach, declaredSize: 99 })
      .thenRejectedWith('document-size-mismatch');
  });
  it('refuses media types it does not keep and names with paths', () => {
    spec([])
      .when({ ...attach, declaredType: 'application/x-msdownload' })
      .thenRejectedWith('unsupported-media-type');
    spec([])
      .when({ ...attach, name: '../../etc/passwd' })
      .thenRejectedWith('document-name');
  });
  it('removes once; the removal keeps the name for the history', () => {
    const removed: DocumentEvent = {
      type: 'DocumentRemoved',
      data: {
        documentId: 'doc1',
        customerId: 'c1',
        name: 'offer.pdf',
        reason: 'outdated',
        removedAt: now,
      },
    };
    spec([attached])
      .when({ type: 'RemoveDocument', documentId: 'doc1', reason: 'outdated', now })
      .then([removed]);
    spec([attached, removed])
      .when({ type: 'RemoveDocument', documentId: 'doc1', now })
      .thenNothingHappened();
  });
});
