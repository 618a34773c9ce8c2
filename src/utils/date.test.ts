import { formatLocalDate } from './date';

describe('formatLocalDate', () => {
  it('formats an ISO time as the local calendar date', () => {
    const iso = new Date(2025, 2, 5, 0, 30).toISOString();
    expect(formatLocalDate(iso)).toBe('2025-03-05');
  });

  it.each([null, undefined, '', 'not a date'])('returns an empty string for %p', (value) => {
    expect(formatLocalDate(value)).toBe('');
  });
});
