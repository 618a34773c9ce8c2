import { HttpError } from '../http-json';
import { LABEL, SUGGESTS, type Suggest } from './labels';

/** A verdict a test imposes on image checks. `stringLabel` sends the label as "100", as WeChat has been seen to. */
export interface ForcedMediaVerdict {
  suggest: Suggest;
  label: number;
  stringLabel: boolean;
}

export interface MediaForceRule extends ForcedMediaVerdict {
  /** Applies to checks whose media URL or file id contains this text. */
  match: string;
  /** Checks still to answer; null: every matching check until cleared. */
  remaining: number | null;
}

export interface MediaForceQueue extends ForcedMediaVerdict {
  remaining: number;
}

/**
 * Test hooks for security.mediaCheckAsync, separate from msgSecCheck's: the next N image checks
 * (one queue, each POST replacing it), and rules for given images by a substring of the media URL
 * or of the file id (several, one per `match`). A rule beats the queue; the queue is consumed only
 * by checks no rule matched.
 */
export class MediaForcedVerdicts {
  private queue: MediaForceQueue | null = null;
  private rules: MediaForceRule[] = [];

  set(input: Record<string, unknown>): MediaForceQueue | MediaForceRule {
    const { suggest, times, label, match, stringLabel = false } = input;
    if (typeof suggest !== 'string' || !SUGGESTS.includes(suggest as Suggest)) {
      throw new HttpError(400, `suggest must be one of ${SUGGESTS.join(', ')}`);
    }
    if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 10000)) {
      throw new HttpError(400, 'times must be an integer from 1 to 10000');
    }
    if (label !== undefined && (typeof label !== 'number' || !Number.isInteger(label))) throw new HttpError(400, 'label must be an integer');
    if (typeof stringLabel !== 'boolean') throw new HttpError(400, 'stringLabel must be true or false');
    if (match !== undefined && (typeof match !== 'string' || match.length === 0 || match.length > 1000)) {
      throw new HttpError(400, 'match must be a non-empty part of a media URL or file id');
    }
    const s = suggest as Suggest;
    const verdict: ForcedMediaVerdict = { suggest: s, label: label ?? (s === 'pass' ? LABEL.normal : LABEL.other), stringLabel };
    if (typeof match === 'string') {
      const rule: MediaForceRule = { ...verdict, match, remaining: (times as number | undefined) ?? null };
      this.rules = [...this.rules.filter((r) => r.match !== match), rule];
      return { ...rule };
    }
    this.queue = { ...verdict, remaining: (times as number | undefined) ?? 1 };
    return { ...this.queue };
  }

  clear(): void {
    this.queue = null;
    this.rules = [];
  }

  status(): { next: MediaForceQueue | null; rules: MediaForceRule[] } {
    return { next: this.queue ? { ...this.queue } : null, rules: this.rules.map((r) => ({ ...r })) };
  }

  /** Consumes the verdict forced on this check, if any: a matching rule first, else the queue. */
  take(mediaUrl: string, fileId: string | null): (ForcedMediaVerdict & { by: 'match' | 'next' }) | null {
    const rule = this.rules.find((r) => mediaUrl.includes(r.match) || (fileId !== null && fileId.includes(r.match)));
    if (rule) {
      if (rule.remaining !== null && --rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return { suggest: rule.suggest, label: rule.label, stringLabel: rule.stringLabel, by: 'match' };
    }
    if (!this.queue) return null;
    const { suggest, label, stringLabel } = this.queue;
    if (--this.queue.remaining <= 0) this.queue = null;
    return { suggest, label, stringLabel, by: 'next' };
  }
}
