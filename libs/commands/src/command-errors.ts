/** `If-Match` named a revision the stream is no longer (or not yet) at: 412. */
export class RevisionMismatchError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      actual < 0
        ? `${streamId} does not exist yet; If-Match named its revision ${expected}`
        : `${streamId} is at revision ${actual}, not ${expected}; read it again`,
    );
    this.name = 'RevisionMismatchError';
  }
}

/** The stream kept changing under every retry: 409, the client may try again. */
export class ConcurrencyExhaustedError extends Error {
  constructor(readonly streamId: string) {
    super(`${streamId} kept changing; retry the command`);
    this.name = 'ConcurrencyExhaustedError';
  }
}
