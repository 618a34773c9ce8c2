import { newRequestId } from './request-id';

describe('newRequestId', () => {
  it('is 8..64 characters of a safe alphabet', () => {
    const id = newRequestId('redeem');
    expect(id.length).toBeGreaterThanOrEqual(8);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^redeem-[a-z0-9-]+$/);
  });

  it('never repeats within a run, even in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()));
    expect(ids.size).toBe(1000);
  });
});
