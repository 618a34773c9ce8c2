import { formatFen } from './money';

// Money typed into a form (staff tools): yuan text <-> integer fen. Its own module so that only the
// pages with money inputs (the admin subpackage) carry it; utils/money.ts stays in the main package.

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
