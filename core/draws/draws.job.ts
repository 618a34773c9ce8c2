/**
 * The draws timer (every minute): draws whose time has come are drawn (resumably), drawn draws are
 * settled (forfeits, promotions, finishing), and result or cancellation messages are queued. Each
 * step is idempotent, so a run cut short, or two runs at once, change nothing twice.
 */
import { timeBudget } from '../platform/batches';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { drawableAt } from './draw.rules';
import { drawStep } from './draws.drawing';
import { drawsToWork, findDraw, updateDraw, updateDrawFrom } from './draws.repo';
import { queueResultNotices, settleDraw } from './draws.settle';

export const DRAWS_JOB_ID = 'draws';

export interface DrawsRun {
  drawn: number;
  settled: number;
  finished: number;
  forfeited: number;
  promoted: number;
  noticesQueued: number;
  unfinished: number;
}

export async function runDraws(db: Database, at: Date, opts: { budgetMs?: number } = {}): Promise<Result<DrawsRun>> {
  const budget = timeBudget(opts.budgetMs);
  const run: DrawsRun = { drawn: 0, settled: 0, finished: 0, forfeited: 0, promoted: 0, noticesQueued: 0, unfinished: 0 };
  for (const listed of await drawsToWork(db, at)) {
    if (budget.spent()) {
      run.unfinished++;
      continue;
    }
    let draw = listed;
    if (draw.status === 'scheduled') {
      if (at.getTime() < drawableAt(draw).getTime()) continue;
      await updateDrawFrom(db, draw._id, 'scheduled', { status: 'drawing', updatedAt: at });
      draw = (await findDraw(db, draw._id))!;
    }
    if (draw.status === 'drawing') {
      if (!(await drawStep(db, draw, at, budget))) {
        run.unfinished++;
        continue;
      }
      run.drawn++;
      draw = (await findDraw(db, draw._id))!;
    }
    if (draw.noticesPending) {
      if (await queueResultNotices(db, draw, budget)) {
        await updateDraw(db, draw._id, { noticesPending: false });
        run.noticesQueued++;
      } else run.unfinished++;
    }
    if (draw.status === 'drawn') {
      const settled = await settleDraw(db, draw, at, budget);
      run.settled++;
      run.forfeited += settled.forfeited;
      run.promoted += settled.promoted;
      if (settled.finished) run.finished++;
    }
  }
  return ok(run);
}
