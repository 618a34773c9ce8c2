/** Stored posts to what clients receive: names in words, ISO times, temporary image URLs; never a member id or a file id. */
import { TIER_NAMES } from '../members/tiers';
import { CATEGORY_NAMES, REVIEW_NAMES, STATUS_NAMES, type PostDoc, type PostView, type ReplyDoc, type ReplyView, type StaffPostView } from './feedback.model';
import { labelName } from './feedback.rules';

const iso = (d: Date | string) => new Date(d).toISOString();

export interface ViewerFacts {
  viewerId: string;
  voted: boolean;
  following: boolean;
  /** Temporary URLs by file id (files that could not be resolved are left out). */
  urls: Map<string, string>;
}

/** Images of a post flagged by the media check are never shown, not even to its author. */
const visibleImages = (post: PostDoc, urls: Map<string, string>) =>
  post.images.filter((img) => img.check !== 'risky' && urls.has(img.fileId)).map((img) => ({ url: urls.get(img.fileId)! }));

export function toPostView(post: PostDoc, facts: ViewerFacts): PostView {
  const mine = post.authorId === facts.viewerId;
  return {
    id: post._id,
    category: post.category,
    categoryName: CATEGORY_NAMES[post.category],
    text: post.text,
    images: visibleImages(post, facts.urls),
    author: { name: post.authorMasked, tier: post.authorTier, tierName: TIER_NAMES[post.authorTier] },
    mine,
    review: post.review,
    reviewName: REVIEW_NAMES[post.review],
    reviewReason: mine ? post.reviewReason : null,
    status: post.status,
    statusName: STATUS_NAMES[post.status],
    mergedInto: post.mergedInto,
    votes: post.votes,
    myVote: facts.voted,
    following: facts.following,
    replyCount: post.replyCount,
    product: post.productId && post.productName ? { id: post.productId, name: post.productName } : null,
    orderLabel: mine ? orderLabelOf(post) : null,
    reward: post.reward ? { points: post.reward.points } : null,
    createdAt: iso(post.createdAt),
    publishedAt: post.publishedAt ? iso(post.publishedAt) : null,
  };
}

function orderLabelOf(post: PostDoc): string | null {
  if (!post.orderId) return null;
  return post.productName ? `关联订单：${post.productName}` : '关联订单';
}

export const toReplyView = (r: ReplyDoc): ReplyView => ({ id: r._id, text: r.text, at: iso(r.at), official: true });

export interface StaffFacts {
  author: { nickname: string; orders: number; posts: number };
  followers: number;
  urls: Map<string, string>;
  at: Date;
}

export function toStaffPostView(post: PostDoc, facts: StaffFacts): StaffPostView {
  const {
    mine: _m,
    myVote: _v,
    following: _f,
    author: _a,
    ...base
  } = toPostView(post, { viewerId: post.authorId, voted: false, following: false, urls: facts.urls });
  const waiting = post.review === 'pending' ? Math.max(0, Math.floor((facts.at.getTime() - new Date(post.createdAt).getTime()) / 60_000)) : null;
  return {
    ...base,
    // Staff see every image, flagged ones included, to judge them.
    images: post.images.filter((img) => facts.urls.has(img.fileId)).map((img) => ({ url: facts.urls.get(img.fileId)! })),
    reviewReason: post.reviewReason,
    author: {
      nickname: facts.author.nickname,
      tier: post.authorTier,
      tierName: TIER_NAMES[post.authorTier],
      orders: facts.author.orders,
      posts: facts.author.posts,
    },
    textCheck: { suggest: post.textCheck.suggest, labelName: labelName(post.textCheck.label) },
    imageChecks: post.images.map((img) => ({ check: img.check, labelName: labelName(img.label) })),
    waitingMinutes: waiting,
    orderLabel: orderLabelOf(post),
    followers: facts.followers,
  };
}
