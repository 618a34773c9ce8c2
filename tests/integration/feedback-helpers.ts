/** Shared set-up for the complaint center's suites: members, staff, posts, uploads, forced content checks. */
import type { Database } from '../../core/platform/database';
import { uploadFolderKey } from '../../core/feedback/feedback.rules';
import { control, fireTimer, newRequestId } from './orders-helpers';
import type { ProductEmulator } from './product-emulator';
import { all } from './rewards-helpers';

export const feedback = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('feedback', openid, event);
export const adminCall = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('admin', openid, event);

/** Members joined a year ago at `tier`, with these nicknames (id -> nickname). */
export async function joined(db: Database, people: Record<string, string>, tier = 'member'): Promise<void> {
  const joinedAt = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000);
  await Promise.all(
    Object.entries(people).map(([id, nickname]) =>
      db
        .collection('members')
        .doc(id)
        .set({ data: { nickname, avatarUrl: '', tier, points: 0, joinedAt, phone: null, termsVersion: '2026-11', createdAt: joinedAt, updatedAt: joinedAt } }),
    ),
  );
}

export const post = (p: ProductEmulator, openid: string, over: Record<string, unknown> = {}) =>
  feedback(p, openid, { action: 'create', category: 'logistics', text: '快递三天了还没到，物流信息一直不更新', requestId: newRequestId('fb'), ...over });

/** Posts and approves: a published post's id. */
export async function publishedPost(p: ProductEmulator, author: string, moderator: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await post(p, author, over);
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  const approved = await adminCall(p, moderator, { action: 'moderateFeedback', postId: res.data.postId, decision: 'approve' });
  if (!approved.ok) throw new Error(JSON.stringify(approved.error));
  return res.data.postId;
}

/** The next `times` text checks answer this verdict, whatever the text. */
export const forceTextCheck = (p: ProductEmulator, suggest: 'pass' | 'review' | 'risky', label?: number, times = 1) =>
  control(p, '/control/security/force', { suggest, times, ...(label ? { label } : {}) });

export const clearForcedTextCheck = (p: ProductEmulator) => fetch(`${p.emu.url}/control/security/force`, { method: 'DELETE' }).then((r) => r.text());

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Uploads `bytes` where the member's client would (their folder), as Taro.cloud.uploadFile does; the file id. */
export async function uploadAs(
  memberId: string,
  bytes: Buffer = PNG,
  ext = 'png',
  name = Math.random().toString(16).slice(2, 14).padEnd(12, '0'),
): Promise<string> {
  const cloud = require('wx-server-sdk');
  const cloudPath = `feedback/${uploadFolderKey(memberId)}/20261203-${name}.${ext}`;
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: bytes });
  return fileID as string;
}

export const postsOf = (p: ProductEmulator, authorId: string) => all(p, 'feedback_posts', { authorId });
export const fireFeedbackJob = (p: ProductEmulator) => fireTimer(p, 'feedback');
export const fireNotify = (p: ProductEmulator) => fireTimer(p, 'notify-send');

/** Everything the complaint center stores, to show a refused request wrote nothing. */
export const feedbackState = (p: ProductEmulator) =>
  JSON.stringify(['feedback_posts', 'feedback_votes', 'feedback_follows', 'feedback_replies', 'feedback_daily', 'notify_optins'].map((c) => all(p, c)));
