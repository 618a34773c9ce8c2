/**
 * The demo's complaint center: a living board — published posts in several statuses with 我也是,
 * the brand's replies and one rewarded idea — plus one post waiting in the moderation queue and
 * one rejected, so `npm start` shows what members and staff see on a real brand's second month.
 * Votes and follows are the product's own documents (derived ids); each post's count is their number.
 */
import { TIERS, type Tier } from '../../core/members/tiers';
import type { Category, PostDoc, Review, Status } from '../../core/feedback/feedback.model';
import { followIdFor, voteIdFor } from '../../core/feedback/feedback.repo';
import { maskNickname } from '../../core/members/member.rules';
import { EXTRA_MEMBERS, PERSONAS } from './demo-brand';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Put = (collection: string, id: string, data: Record<string, unknown>) => Promise<void>;

interface DemoPost {
  id: string;
  author: string;
  category: Category;
  text: string;
  review: Review;
  status: Status;
  reason?: string;
  /** Days ago it was posted. */
  daysAgo: number;
  voters: string[];
  reply?: string;
  reward?: number;
}

const people = [...PERSONAS.map((p) => ({ openid: p.openid, nickname: p.nickname, tier: p.tier })), ...EXTRA_MEMBERS];
const person = (openid: string) => {
  const found = people.find((p) => p.openid === openid);
  if (!found) throw new Error(`the feedback seed names an unknown member ${openid}`);
  return found;
};
/** Joined members who are not staff, as voters. */
const VOTERS = people.filter((p) => TIERS.indexOf(p.tier as Tier) >= 1 && !['demo-moderator', 'demo-admin'].includes(p.openid)).map((p) => p.openid);
const voters = (n: number, except: string) => VOTERS.filter((v) => v !== except).slice(0, n);

export const DEMO_POSTS: DemoPost[] = [
  {
    id: 'fb_5eed00000001',
    author: 'demo-m11',
    category: 'suggestion',
    text: '希望出一款适合冷萃的中度烘焙豆，夏天在家做冷萃，现在的豆子总觉得偏苦。',
    review: 'published',
    status: 'planned',
    daysAgo: 20,
    voters: voters(8, 'demo-m11'),
    reply: '好建议！冷萃专用的中度烘焙豆已经在打样，预计明年春天上线，届时会员优先试饮。',
    reward: 200,
  },
  {
    id: 'fb_5eed00000002',
    author: 'demo-m08',
    category: 'logistics',
    text: '下单三天还没发货，物流信息一直没有更新，希望能告诉我们大概什么时候发货。',
    review: 'published',
    status: 'resolved',
    daysAgo: 15,
    voters: voters(5, 'demo-m08'),
    reply: '抱歉让你久等了！上周仓库盘点导致延迟，现已全部发出，之后下单 48 小时内发货。',
  },
  {
    id: 'fb_5eed00000003',
    author: 'demo-m09',
    category: 'product',
    text: '挂耳包的挂钩有时候挂不稳，冲到一半会掉进杯子里，能不能把挂钩做得宽一点？',
    review: 'published',
    status: 'in_progress',
    daysAgo: 9,
    voters: voters(6, 'demo-m09'),
    reply: '收到！新一批挂耳已换成加宽挂钩，正在生产中，感谢反馈。',
  },
  {
    id: 'fb_5eed00000004',
    author: 'demo-m04',
    category: 'price',
    text: '会员价和节日活动价不能叠加，有点可惜，希望会员日能有额外折扣。',
    review: 'published',
    status: 'declined',
    daysAgo: 12,
    voters: voters(2, 'demo-m04'),
    reply: '会员价已是全年最低价，暂不叠加活动价；每月会员日会另发专属券，记得来领。',
  },
  {
    id: 'fb_5eed00000005',
    author: 'demo-m10',
    category: 'service',
    text: '客服回复很快，还主动帮我换了研磨度，体验很好，点赞！',
    review: 'published',
    status: 'acknowledged',
    daysAgo: 6,
    voters: voters(3, 'demo-m10'),
  },
  {
    id: 'fb_5eed00000006',
    author: 'demo-m07',
    category: 'suggestion',
    text: '能不能支持门店自提？公司楼下就有门店，下班顺路就拿了，还省运费。',
    review: 'published',
    status: 'open',
    daysAgo: 3,
    voters: voters(4, 'demo-m07'),
  },
  {
    id: 'fb_5eed00000007',
    author: 'demo-m06',
    category: 'other',
    text: '小程序里能不能加一些手冲教程？新手不知道水温和粉水比该怎么调。',
    review: 'published',
    status: 'open',
    daysAgo: 1,
    voters: voters(1, 'demo-m06'),
  },
  {
    id: 'fb_5eed00000008',
    author: 'demo-m05',
    category: 'product',
    text: '随行杯的杯盖有点漏，路上洒了一点在包里，不知道是不是我没拧紧。',
    review: 'pending',
    status: 'open',
    daysAgo: 0.05,
    voters: [],
  },
  {
    id: 'fb_5eed00000009',
    author: 'demo-m06',
    category: 'other',
    text: '低价代购各种咖啡豆，需要的加我微信私聊，比官方便宜。',
    review: 'rejected',
    status: 'open',
    reason: '含有广告或联系方式',
    daysAgo: 2,
    voters: [],
  },
];

/** Writes the demo posts once (a post already there is left as it is). */
export async function seedFeedback(put: Put, now: number): Promise<void> {
  for (const d of DEMO_POSTS) {
    const author = person(d.author);
    const at = new Date(now - d.daysAgo * DAY);
    const published = d.review === 'published' ? new Date(at.getTime() + 2 * HOUR) : null;
    const post: Omit<PostDoc, '_id'> = {
      authorId: d.author,
      authorMasked: maskNickname(author.nickname),
      authorTier: author.tier as Tier,
      category: d.category,
      text: d.text,
      images: [],
      orderId: null,
      productId: null,
      productName: null,
      review: d.review,
      textCheck: { suggest: d.review === 'rejected' ? 'review' : 'pass', label: d.review === 'rejected' ? 10001 : 100, traceId: null },
      reviewReason: d.reason ?? null,
      status: d.status,
      mergedInto: null,
      votes: d.voters.length,
      replyCount: d.reply ? 1 : 0,
      reward: d.reward ? { points: d.reward, at: new Date(at.getTime() + 3 * DAY), by: 'demo-admin' } : null,
      createdAt: at,
      publishedAt: published,
      updatedAt: new Date(at.getTime() + (d.reply ? DAY : 2 * HOUR)),
      rev: d.review === 'pending' ? 0 : 1,
      followersNotice: null,
    };
    await put('feedback_posts', d.id, post as unknown as Record<string, unknown>);
    await put('feedback_follows', followIdFor(d.id, d.author), { postId: d.id, memberId: d.author, at });
    for (const [i, voter] of d.voters.entries()) {
      await put('feedback_votes', voteIdFor(d.id, voter), {
        postId: d.id,
        memberId: voter,
        on: true,
        at: new Date(at.getTime() + (i + 3) * HOUR),
        mergedFrom: null,
      });
    }
    if (d.reply)
      await put('feedback_replies', `fbr_${d.id.slice(3)}0001`, { postId: d.id, staffId: 'demo-moderator', text: d.reply, at: new Date(at.getTime() + DAY) });
  }
}

/** The points the demo's rewarded ideas earned, for the ledger (source key per post, as staff rewarding writes it). */
export const DEMO_FEEDBACK_REWARDS = DEMO_POSTS.filter((d) => d.reward).map((d) => ({
  postId: d.id,
  memberId: d.author,
  points: d.reward!,
  daysAgo: d.daysAgo - 3,
}));
