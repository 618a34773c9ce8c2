// Money travels as integer fen (分) everywhere; this is the only place it becomes text.
// Integer arithmetic only, so no float rounding can ever show ¥0.30000000000000004.

/** 1234 -> '¥12.34', -5 -> '-¥0.05'. Throws on anything that is not a whole number of fen. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new TypeError(`formatFen expects an integer amount of fen, got ${fen}`);
  }
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
