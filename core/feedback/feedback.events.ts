/**
 * WeChat's message pushes to the `events` function (cloud console → 消息推送 → 云函数). Today one
 * kind: `wxa_media_check`, the verdict of an image check. Anything else is logged and ignored.
 * WeChat expects the literal "success" back; a verdict that could not be recorded throws, so the
 * push is retried.
 */
import { eventBoundsProblem } from '../platform/event-bounds';
import type { Database } from '../platform/database';
import { mediaCheckEvent, receiveMediaVerdict, type MediaOutcome } from './feedback.media';

export async function handlePush(
  db: Database,
  event: unknown,
  log: Pick<Console, 'error' | 'warn'> = console,
): Promise<{ reply: 'success'; outcome: MediaOutcome | 'unknown' }> {
  const problem = eventBoundsProblem(event);
  if (problem) {
    log.error(`message push refused: ${problem.kind} out of bounds`);
    return { reply: 'success', outcome: 'unknown' };
  }
  const media = mediaCheckEvent.safeParse(event);
  if (!media.success) {
    const kind = (event as { Event?: unknown } | null)?.Event;
    log.warn(`message push ignored: not a media check event (${typeof kind === 'string' ? kind.slice(0, 40) : 'no Event'})`);
    return { reply: 'success', outcome: 'unknown' };
  }
  return { reply: 'success', outcome: await receiveMediaVerdict(db, media.data) };
}
