/** msgSecCheck v2 labels as WeChat documents them. */
export const LABEL = {
  normal: 100,
  ad: 10001,
  politics: 20001,
  porn: 20002,
  abuse: 20003,
  illegal: 20006,
  fraud: 20008,
  vulgar: 20012,
  copyright: 20013,
  other: 21000,
} as const;

export type Suggest = 'pass' | 'review' | 'risky';

export const SUGGESTS: readonly Suggest[] = ['pass', 'review', 'risky'];

export const SEVERITY: Record<Suggest, number> = { pass: 0, review: 1, risky: 2 };
