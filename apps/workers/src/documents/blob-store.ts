/** The blob store holding documents' contents (the same directory as the command API's). */
export const BLOB_STORE = Symbol('BLOB_STORE');
