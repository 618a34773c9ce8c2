import { LABEL, SUGGESTS, type Suggest } from './labels';
import { HttpError } from '../http-json';

export interface ForcedResult {
  suggest: Suggest;
  label: number;
}

/**
 * Test hook: the next N content checks return a chosen verdict regardless of the text, so a
 * test can drive the "risky" or "review" path with harmless content.
 */
export class ForcedResults {
  private forced: (ForcedResult & { remaining: number }) | null = null;

  set(input: Record<string, unknown>): { suggest: Suggest; label: number; remaining: number } {
    const { suggest, times = 1, label } = input;
    if (typeof suggest !== 'string' || !SUGGESTS.includes(suggest as Suggest)) {
      throw new HttpError(400, `suggest must be one of ${SUGGESTS.join(', ')}`);
    }
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 10000) {
      throw new HttpError(400, 'times must be an integer from 1 to 10000');
    }
    if (label !== undefined && (typeof label !== 'number' || !Number.isInteger(label))) {
      throw new HttpError(400, 'label must be an integer');
    }
    const s = suggest as Suggest;
    const resolvedLabel = label ?? (s === 'pass' ? LABEL.normal : LABEL.other);
    this.forced = { suggest: s, label: resolvedLabel, remaining: times };
    return { suggest: s, label: resolvedLabel, remaining: times };
  }

  clear(): void {
    this.forced = null;
  }

  status(): { suggest: Suggest; label: number; remaining: number } | null {
    return this.forced ? { ...this.forced } : null;
  }

  /** Consumes one forced verdict, if any. */
  take(): ForcedResult | null {
    if (!this.forced) return null;
    const { suggest, label } = this.forced;
    this.forced.remaining -= 1;
    if (this.forced.remaining <= 0) this.forced = null;
    return { suggest, label };
  }
}
