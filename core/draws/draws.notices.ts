/** What draws tell entrants, through the notifications module (one message per opt-in). */
import type { Database } from '../platform/database';
import { queueNotice } from '../notify/notify.usecases';
import type { ResultWords } from './draw.rules';

export interface DrawNotice {
  /** Unique per message: the same key queued twice is one message. */
  key: string;
  memberId: string;
  kind: 'draw_result' | 'draw_promoted';
  title: string;
  words: ResultWords;
  /** granted: the entry recorded the member's yes on the entering tap; counter: use one they gave elsewhere, if any. */
  optIn: 'granted' | 'counter';
  drawId: string;
}

export async function queueDrawNotice(db: Database, n: DrawNotice): Promise<void> {
  await queueNotice(db, {
    key: n.key,
    memberId: n.memberId,
    kind: n.kind,
    fields: { title: n.title, result: n.words.result, hint: n.words.hint },
    page: `packages/draws/index?drawId=${n.drawId}`,
    optIn: n.optIn,
  });
}
