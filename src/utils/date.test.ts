import { formatLocalDate, formatLocalDateTime, formatMonthDay } from './date';

describe('formatLocalDate', () => {
  it('formats an ISO time as the local calendar date', () => {
    const iso = new Date(2025, 2, 5, 0, 30).toISOString();
    expect(formatLocalDate(iso)).toBe('2025-03-05');
  });

  it.each([null, undefined, '', 'not a date'])('returns an empty string for %p', (value) => {
    expect(formatLocalDate(value)).toBe('');
  });
});

describe('formatLocalDateTime', () => {
  it('formats an ISO time as local date and minute', () => {
    expect(formatLocalDateTime(new Date(2025, 2, 4, 9, 5).toISOString())).toBe('2025-03-04 09:05');
  });

  it.each([null, undefined, '', 'not a date'])('returns an empty string for %p', (value) => {
    expect(formatLocalDateTime(value)).toBe('');
  });
});

describe('formatMonthDay', () => {
  it('reads as a date in a Chinese sentence, without leading zeros', () => {
    expect(formatMonthDay(new Date(2025, 2, 5, 23, 59).toISOString())).toBe('3月5日');
    expect(formatMonthDay(new Date(2025, 11, 31).toISOString())).toBe('12月31日');
  });

  it.each([null, undefined, '', 'not a date'])('returns an empty string for %p', (value) => {
    expect(formatMonthDay(value)).toBe('');
  });
});
