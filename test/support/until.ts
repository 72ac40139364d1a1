/** Polls `holds` every `everyMs` until it answers true; fails naming `what` after `ms`. */
export const until = async (
  holds: () => boolean | Promise<boolean>,
  what: string,
  { ms = 15_000, everyMs = 25 }: { ms?: number; everyMs?: number } = {},
) => {
  const deadline = Date.now() + ms;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};
