/** What draws tell entrants, through the notifications module (one message per opt-in). */
import type { Database } from '../platform/database';
import { queueNotice } from '../notify/notify.usecases';
import type { ResultWords } from './draw.rules';

const pageOf = (drawId: string) => `packages/draws/detail?id=${drawId}`;

interface Recipient {
  /** Unique per message: the same key queued twice is one message. */
  key: string;
  memberId: string;
  /** granted: the entry recorded the member's yes on the entering tap; counter: use one they gave elsewhere, if any. */
  optIn: 'granted' | 'counter';
}

/** The result (or the cancellation) of a draw, to one entrant who asked for it. */
export async function queueResultNotice(db: Database, to: Recipient, drawId: string, title: string, words: ResultWords): Promise<void> {
  await queueNotice(db, { ...to, kind: 'draw_result', fields: { title, result: words.result, hint: words.hint }, page: pageOf(drawId) });
}

/** A waitlisted entrant was promoted: their order is waiting, to pay by `payBy`. */
export async function queuePromotedNotice(db: Database, to: Recipient, drawId: string, title: string, payBy: Date): Promise<void> {
  await queueNotice(db, { ...to, kind: 'draw_promoted', fields: { title, payBy }, page: pageOf(drawId) });
}
