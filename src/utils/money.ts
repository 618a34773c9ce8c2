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

const YUAN_TEXT = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * What staff type in yuan -> integer fen: '12' -> 1200, '12.5' -> 1250, '0.05' -> 5. Null for
 * anything else (negative, more than two decimals, empty): string arithmetic, no float rounding.
 */
export function parseYuanToFen(text: string): number | null {
  const match = YUAN_TEXT.exec(text.trim());
  if (!match) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(cents);
}

/** Integer fen -> the yuan a form field starts with: 1250 -> '12.50', 1200 -> '12.00'. */
export function fenToYuanInput(fen: number): string {
  return formatFen(fen).replace('¥', '');
}
