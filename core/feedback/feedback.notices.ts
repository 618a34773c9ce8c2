/**
 * What the complaint center tells members, through the notifications module (core/notify): the
 * author when their post is approved, rejected, hidden, replied to or changes status; followers
 * when it is resolved. Each uses the member's counted one-time opt-ins (given on the tap that
 * posted or followed); a key per change makes a retried change queue one message.
 */
import { queueNotice } from '../notify/notify.usecases';
import type { Database, TransactionDb } from '../platform/database';
import { STATUS_NAMES, type PostDoc, type Status } from './feedback.model';

const postPage = (postId: string) => `packages/feedback/detail?id=${postId}`;

/** The start of the post, for the message's first line. */
const titleOf = (post: Pick<PostDoc, 'text'>) => post.text;

const UPDATE_NOTES: Record<'published' | Status, string> = {
  published: '你的反馈已通过审核，其他会员现在可以看到',
  open: '你的反馈已重新打开',
  acknowledged: '品牌已收到你的反馈',
  planned: '品牌已将你的反馈列入计划',
  in_progress: '品牌正在处理你的反馈',
  resolved: '你的反馈已解决，感谢你的建议',
  declined: '品牌暂不采纳，感谢你的反馈',
  duplicate: '已与相同的反馈合并',
};

/** WeChat's phrase keyword: at most 5 Chinese characters. */
const STATE_WORDS: Record<'published' | 'rejected' | 'hidden' | Status, string> = {
  published: '已公开',
  rejected: '未通过',
  hidden: '已隐藏',
  ...STATUS_NAMES,
  declined: '暂不采纳',
};

export async function noticeReviewed(
  db: Database | TransactionDb,
  post: PostDoc,
  outcome: 'published' | 'rejected' | 'hidden',
  reason: string | null,
): Promise<void> {
  await queueNotice(db, {
    key: `feedback_update:${post._id}:${post.rev}`,
    memberId: post.authorId,
    kind: 'feedback_update',
    fields: { title: titleOf(post), state: STATE_WORDS[outcome], note: outcome === 'published' ? UPDATE_NOTES.published : (reason ?? '如有疑问请联系客服') },
    optIn: 'counter',
    page: postPage(post._id),
  });
}

export async function noticeStatus(db: Database | TransactionDb, post: PostDoc, status: Status): Promise<void> {
  await queueNotice(db, {
    key: `feedback_update:${post._id}:${post.rev}`,
    memberId: post.authorId,
    kind: 'feedback_update',
    fields: { title: titleOf(post), state: STATE_WORDS[status], note: UPDATE_NOTES[status] },
    optIn: 'counter',
    page: postPage(post._id),
  });
}

export async function noticeReply(db: Database | TransactionDb, post: PostDoc, replyId: string, text: string, at: Date): Promise<void> {
  await queueNotice(db, {
    key: `feedback_reply:${replyId}`,
    memberId: post.authorId,
    kind: 'feedback_reply',
    fields: { title: titleOf(post), reply: text, at },
    optIn: 'counter',
    page: postPage(post._id),
  });
}

/** `rev`: the change that resolved it (one message per follower and resolution). */
export async function noticeResolvedToFollower(db: Database, post: PostDoc, memberId: string, rev: number): Promise<void> {
  await queueNotice(db, {
    key: `feedback_resolved:${post._id}:${rev}:${memberId}`,
    memberId,
    kind: 'feedback_resolved',
    fields: { title: titleOf(post), note: '你关注的反馈已解决，点击查看品牌回复' },
    optIn: 'counter',
    page: postPage(post._id),
  });
}
