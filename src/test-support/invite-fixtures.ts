import type { ShareResult, VisitResult } from '@/store';
import type { InfluenceView, PerkView, PosterResult } from '@/packages/invite/store';

// jest only: the referral and perks functions' answers as the member side sees them. Texts and
// numbers are what a server would send; the client must show them as they are.

export const shareResult = (over: Partial<ShareResult> = {}): ShareResult => ({
  code: 'AbCdEf123456',
  path: '/packages/invite/index?s=AbCdEf123456',
  page: 'packages/invite/index',
  scene: 'AbCdEf123456',
  reused: false,
  ...over,
});

export const visitResult = (over: Partial<VisitResult['share']> = {}, recorded = true): VisitResult => ({
  recorded,
  share: { targetType: 'invite', targetId: null, path: '/packages/invite/index?s=AbCdEf123456', sharerName: '周*', ...over },
});

export const perkView = (over: Partial<PerkView> = {}): PerkView => ({
  _id: 'perk-invite-1',
  title: '邀请好友入会 得10元券',
  description: '好友通过你的分享卡片或海报加入会员，你得一张满59减10的咖啡券。',
  kind: 'coupon',
  requiredFriends: 1,
  engagement: 'join',
  rule: '邀请 1 位好友通过你的分享加入会员即可解锁（仅分享或打开不计入）',
  coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
  endsAt: null,
  helpers: [],
  count: 0,
  remaining: 1,
  eligible: true,
  ineligibleReason: null,
  claimable: false,
  unlocked: false,
  unlockedAt: null,
  content: null,
  couponId: null,
  ...over,
});

export const contentPerk = (over: Partial<PerkView> = {}): PerkView =>
  perkView({
    _id: 'perk-brew-notes',
    title: '主理人冲煮笔记',
    description: '3 位好友通过你的分享加入会员并完成首单，解锁主理人私藏的冲煮参数。',
    kind: 'content',
    requiredFriends: 3,
    engagement: 'join_and_buy',
    coupon: null,
    rule: '邀请 3 位好友通过你的分享加入会员并完成首单即可解锁（仅分享或打开不计入）',
    count: 1,
    remaining: 2,
    helpers: [{ name: '王*明', joinedAt: '2025-03-02T02:00:00.000Z', bought: true }],
    ...over,
  });

export const influenceView = (over: Partial<InfluenceView> = {}): InfluenceView => ({
  shares: 3,
  visits: 7,
  friendsJoined: 2,
  friends: [
    { nickname: '王*明', avatarUrl: '', joinedAt: '2025-03-02T02:00:00.000Z', status: 'counted' },
    { nickname: '李*', avatarUrl: '', joinedAt: '2025-03-01T02:00:00.000Z', status: 'flagged' },
  ],
  purchases: {
    pending: { count: 1, payFen: 8800 },
    confirmed: { count: 2, payFen: 25600 },
    reversed: { count: 1, payFen: 9900 },
  },
  recentPurchases: [
    {
      buyer: '王*明',
      payFen: 8800,
      status: 'pending',
      statusText: '待确认（7 天退款期后发放奖励）',
      paidAt: '2025-03-04T06:05:00.000Z',
      confirmsAt: '2025-03-11T06:05:00.000Z',
      rewardPoints: 0,
    },
    { buyer: '李*', payFen: 16800, status: 'confirmed', statusText: '已确认', paidAt: '2025-02-20T06:05:00.000Z', confirmsAt: null, rewardPoints: 100 },
    { buyer: '赵*', payFen: 9900, status: 'reversed', statusText: '已退款', paidAt: '2025-02-18T06:05:00.000Z', confirmsAt: null, rewardPoints: 0 },
  ],
  pointsEarned: 200,
  koc: {
    tier: 'repeat_buyer',
    tierName: '复购会员',
    isKoc: false,
    friendsBought: 0,
    friendsNeeded: 1,
    paidOrders: 2,
    ordersNeeded: 2,
    periodDays: 180,
    text: '再邀请 1 位好友购买，即可成为品牌KOC',
    pendingText: '另有 1 笔好友订单待确认，退款期结束后计入',
  },
  ...over,
});

export const posterResult = (over: Partial<PosterResult> = {}): PosterResult => ({
  code: 'PoStEr123456',
  page: 'packages/invite/index',
  scene: 'PoStEr123456',
  qrFileId: 'cloud://env/posters/PoStEr123456.png',
  qrUrl: 'https://tmp.example/posters/PoStEr123456.png',
  ...over,
});
