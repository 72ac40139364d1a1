/** The media types documents may have, by what their first bytes look like. */
const families = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  zip: [
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
  text: ['text/plain', 'text/csv', 'text/markdown', 'application/json'],
  // Call recordings (POST /calls), as telephony systems export them.
  wav: ['audio/wav', 'audio/x-wav', 'audio/vnd.wave'],
  mp3: ['audio/mpeg'],
  ogg: ['audio/ogg', 'audio/opus'],
  mp4audio: ['audio/mp4', 'audio/x-m4a'],
} as const;

export const acceptedMediaTypes: readonly string[] = Object.values(families).flat();

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) =>
  bytes.every((b, i) => head[offset + i] === b);

const ascii = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

const isText = (head: Uint8Array) => {
  if (head.includes(0)) return false;
  try {
    // a multi-byte character cut at the end of the head is fine
    new TextDecoder('utf-8', { fatal: true }).decode(
      head.subarray(0, Math.max(0, head.length - 3)),
    );
    return true;
  } catch {
    return false;
  }
};

/** The family the content's first bytes belong to, or undefined when it is none we accept. */
export const sniff = (head: Uint8Array): keyof typeof families | undefined => {
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WAVE'), 8)) return 'wav';
  // An ID3 tag, or straight into an MPEG audio frame (its 11 sync bits set).
  if (startsWith(head, ascii('ID3')) || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0))
    return 'mp3';
  if (startsWith(head, ascii('OggS'))) return 'ogg';
  if (startsWith(head, ascii('ftyp'), 4)) return 'mp4audio';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (head.length > 0 && isText(head)) return 'text';
  return undefined;
};

/** Whether content starting with `head` may be declared as `mediaType`. */
export const contentMatches = (head: Uint8Array, mediaType: string): boolean => {
  const family = sniff(head);
  return family !== undefined && (families[family] as readonly string[]).includes(mediaType);
};
