/**
 * The image checks' verdicts. WeChat answers security.mediaCheckAsync later, as a `wxa_media_check`
 * event pushed to the `events` function (cloud console → 消息推送). A verdict is matched to its image
 * by the trace id only the server ever saw, so a forged event cannot clear or flag anything; it is
 * kept in `feedback_media_checks` first, because it may arrive before the post recorded its trace
 * ids (posting applies what arrived: applyArrivedVerdicts). A risky image hides its post at once —
 * published or still waiting — and the author is told why.
 */
import { z } from 'zod';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { inTransaction } from '../platform/transaction';
import type { PostDoc, PostImage } from './feedback.model';
import { noticeReviewed } from './feedback.notices';
import { findPost, mediaVerdicts, postWithTrace, putMediaVerdict, putPost } from './feedback.repo';

export const IMAGE_RISKY_REASON = '图片未通过内容安全检测';

/** The push as WeChat sends it (v2). Labels arrive as strings or numbers. */
export const mediaCheckEvent = z
  .object({
    MsgType: z.literal('event'),
    Event: z.literal('wxa_media_check'),
    trace_id: z.string().min(1).max(100),
    version: z.union([z.literal(2), z.literal('2')]).optional(),
    errcode: z.number().optional(),
    result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.union([z.number(), z.string()]).optional() }).optional(),
  })
  .passthrough();
export type MediaCheckEvent = z.infer<typeof mediaCheckEvent>;

export type MediaOutcome = 'applied' | 'stored' | 'ignored';

/** Records one verdict and applies it to its post, if the post is known yet. */
export async function receiveMediaVerdict(db: Database, event: MediaCheckEvent): Promise<MediaOutcome> {
  // A failed check (errcode, no result) leaves the image pending: staff see "待检测" and judge it themselves.
  if (!event.result || (event.errcode ?? 0) !== 0) return 'ignored';
  const label = event.result.label === undefined ? null : Number(event.result.label);
  const verdict = { _id: event.trace_id, suggest: event.result.suggest, label: Number.isFinite(label) ? label : null, at: now() };
  await inTransaction(db, (tx) => putMediaVerdict(tx, verdict));
  const post = await postWithTrace(db, event.trace_id);
  if (!post) return 'stored';
  await applyVerdicts(db, post._id, new Map([[verdict._id, verdict]]));
  return 'applied';
}

/** Applies the verdicts that arrived before the post recorded its trace ids. */
export async function applyArrivedVerdicts(db: Database, postId: string): Promise<void> {
  const post = await findPost(db, postId);
  const traceIds = (post?.images ?? []).filter((i) => i.check === 'pending' && i.traceId).map((i) => i.traceId!);
  if (traceIds.length === 0) return;
  const arrived = await mediaVerdicts(db, traceIds);
  if (arrived.length > 0) await applyVerdicts(db, postId, new Map(arrived.map((v) => [v._id, v])));
}

async function applyVerdicts(
  db: Database,
  postId: string,
  verdicts: Map<string, { suggest: 'pass' | 'review' | 'risky'; label: number | null }>,
): Promise<void> {
  const hidden = await inTransaction(db, async (tx) => {
    const post = await findPost(tx, postId);
    if (!post) return null;
    const images: PostImage[] = post.images.map((img) => {
      const v = img.traceId ? verdicts.get(img.traceId) : undefined;
      return v && img.check === 'pending' ? { ...img, check: v.suggest, label: v.label } : img;
    });
    const risky = images.some((i) => i.check === 'risky');
    const hide = risky && (post.review === 'published' || post.review === 'pending');
    const next: PostDoc = hide
      ? { ...post, images, review: 'hidden', reviewReason: IMAGE_RISKY_REASON, rev: post.rev + 1, updatedAt: now() }
      : { ...post, images, updatedAt: now() };
    await putPost(tx, next);
    return hide ? next : null;
  });
  if (hidden) await noticeReviewed(db, hidden, 'hidden', IMAGE_RISKY_REASON);
}
