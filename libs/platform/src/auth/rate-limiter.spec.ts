import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the burst, then refills at the sustained rate', () => {
    const limiter = new RateLimiter(2, 3);
    expect([0, 0, 0].map(() => limiter.take('a', 0))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('a', 500)).toBe(0);
    expect(limiter.take('a', 500)).toBe(1);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(1, 1);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('b', 0)).toBe(0);
  });

  it('is unlimited at 0 per second', () => {
    const limiter = new RateLimiter(0, 1);
    for (let i = 0; i < 100; i++) expect(limiter.take('a', 0)).toBe(0);
  });
});
