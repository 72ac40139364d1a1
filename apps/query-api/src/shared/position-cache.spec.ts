import { type Checkpoint } from '#read-store';
import { PositionCache } from './position-cache';

const storeAt = (checkpoints: Checkpoint[]) => ({
  checkpoints: () => Promise.resolve(checkpoints.map((c) => ({ ...c }))),
});

describe('answers kept while the read models stay', () => {
  it('given the read models where they were, when asked again, then the kept answer without computing', async () => {
    const cache = new PositionCache<number>(storeAt([{ name: 'reports', position: 7 }]));
    const compute = jest.fn(() => Promise.resolve(42));
    expect(await cache.answer('segment-1', compute)).toBe(42);
    expect(await cache.answer('segment-1', compute)).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('given a projection that applied an event since, when asked again, then computed afresh', async () => {
    const checkpoints = [
      { name: 'customers', position: 7 },
      { name: 'reports', position: 7 },
    ];
    const cache = new PositionCache<number>({
      checkpoints: () => Promise.resolve(checkpoints.map((c) => ({ ...c }))),
    });
    let n = 0;
    const compute = () => Promise.resolve((n += 1));
    expect(await cache.answer('segment-1', compute)).toBe(1);
    checkpoints[0]!.position = 8;
    expect(await cache.answer('segment-1', compute)).toBe(2);
    expect(await cache.answer('segment-1', compute)).toBe(2);
  });

  it('given more answers than it keeps, then the least recently used goes first', async () => {
    const cache = new PositionCache<string>(storeAt([{ name: 'reports', position: 1 }]), 2);
    const compute = jest.fn((key: string) => Promise.resolve(key));
    const ask = (key: string) => cache.answer(key, () => compute(key));
    await ask('a');
    await ask('b');
    await ask('a');
    await ask('c');
    await ask('a');
    await ask('b');
    expect(compute.mock.calls.map(([key]) => key)).toEqual(['a', 'b', 'c', 'b']);
  });
});
