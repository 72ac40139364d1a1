import { Poller } from './poller';

describe('poller', () => {
  it('runs rounds one after another, keeps going after an error, and waits for the last on stop', async () => {
    const seen: string[] = [];
    let running = 0;
    let round = 0;
    const errors: unknown[] = [];
    const poller = new Poller(
      'test',
      async () => {
        running += 1;
        expect(running).toBe(1);
        round += 1;
        seen.push(`start ${round}`);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        if (round === 2) throw new Error('boom');
        seen.push(`end ${round}`);
      },
      1,
      (error) => errors.push(error),
    );
    poller.start();
    while (round < 4) await new Promise((r) => setTimeout(r, 2));
    await poller.stop();
    expect(poller.stopping).toBe(true);
    const after = seen.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBe(after);
    expect(seen.slice(0, 5)).toEqual(['start 1', 'end 1', 'start 2', 'start 3', 'end 3']);
    expect(errors).toHaveLength(1);
    expect(seen[seen.length - 1]).toMatch(/^end \d+$/);
  });

  it('runs rounds only while its lease is held: a second copy stands by', async () => {
    let held = false;
    let rounds = 0;
    const poller = new Poller(
      'duty',
      () => {
        rounds += 1;
        return Promise.resolve();
      },
      1,
      () => undefined,
      { held: () => held },
    );
    poller.start();
    await new Promise((r) => setTimeout(r, 30));
    expect(rounds).toBe(0);
    held = true;
    while (rounds < 3) await new Promise((r) => setTimeout(r, 2));
    held = false;
    await new Promise((r) => setTimeout(r, 5));
    const standing = rounds;
    await new Promise((r) => setTimeout(r, 30));
    expect(rounds).toBe(standing);
    await poller.stop();
  });
});
