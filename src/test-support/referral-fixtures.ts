import type { FlagView } from '@/packages/admin/flags/flags.slice';
import type { KocLeaderboard, KocLeaderboardRow } from '@/packages/admin/koc/koc.slice';
import type { AdminPerkView } from '@/packages/admin/perks/perks.slice';

// jest only: the admin function's answers about referrals (KOC leaderboard, flagged referrals)
// and perks. Amounts are what a server would send (fen); the client must show them as they are.

export const kocRow = (over: Partial<KocLeaderboardRow> = {}): KocLeaderboardRow => ({
  rank: 1,
  memberId: 'demo-koc',
  nickname: '阿青',
  tier: 'koc',
  tierName: '品牌KOC',
  friends: 3,
  conversions: 4,
  propagationFen: 35200,
  ownFen: 26400,
  totalFen: 61600,
  ...over,
});

export const kocLeaderboard = (over: Partial<KocLeaderboard> = {}): KocLeaderboard => ({
  days: 30,
  since: '2025-02-02T04:00:00.000Z',
  rows: [
    kocRow(),
    kocRow({
      rank: 2,
      memberId: 'demo-repeat',
      nickname: '周周',
      tier: 'repeat_buyer',
      tierName: '复购会员',
      friends: 1,
      conversions: 1,
      propagationFen: 8800,
      ownFen: 17605,
      totalFen: 26405,
    }),
  ],
  ...over,
});

export const referralFlag = (over: Partial<FlagView> = {}): FlagView => ({
  id: 'referral:demo-newcomer',
  kind: 'referral',
  kindText: '好友加入',
  sharerId: 'demo-koc',
  sharerNickname: '阿青',
  memberId: 'demo-newcomer',
  memberNickname: '小白',
  orderId: null,
  orderPayFen: null,
  reasons: ['burst'],
  reasonTexts: ['短时间内大量好友加入（60 分钟内超过 10 位）'],
  createdAt: '2025-03-04T01:05:00.000Z',
  ...over,
});

export const conversionFlag = (over: Partial<FlagView> = {}): FlagView =>
  referralFlag({
    id: 'conversion:ord_9',
    kind: 'conversion',
    kindText: '好友购买',
    memberId: 'demo-buyer',
    memberNickname: '林夕',
    orderId: 'ord_9',
    orderPayFen: 16600,
    reasons: ['same_unionid', 'daily_cap'],
    reasonTexts: ['分享者与好友疑似同一微信用户', '超出每日奖励上限（每位分享者每天 20 笔）'],
    createdAt: '2025-03-04T02:00:00.000Z',
    ...over,
  });

export const adminPerk = (over: Partial<AdminPerkView> = {}): AdminPerkView => ({
  _id: 'perk_coupon',
  title: '邀请 1 位好友得 10 元券',
  description: '好友加入会员即可领取',
  kind: 'coupon',
  requiredFriends: 1,
  engagement: 'join',
  coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
  content: null,
  minTier: 'member',
  startsAt: '2025-03-01T00:00:00.000Z',
  endsAt: null,
  status: 'active',
  sort: 10,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'demo-admin',
  rule: '邀请 1 位好友通过你的分享加入会员即可解锁（仅分享或打开不计入）',
  unlocks: 4,
  ...over,
});

export const contentPerk = (over: Partial<AdminPerkView> = {}): AdminPerkView =>
  adminPerk({
    _id: 'perk_notes',
    title: '三位好友下单解锁冲煮笔记',
    description: '',
    kind: 'content',
    requiredFriends: 3,
    engagement: 'join_and_buy',
    coupon: null,
    content: '手冲参数：15g 粉，225ml 水，92℃。',
    minTier: 'buyer',
    endsAt: '2025-04-30T15:59:00.000Z',
    status: 'inactive',
    sort: 20,
    rule: '邀请 3 位好友通过你的分享加入会员并完成首单即可解锁（仅分享或打开不计入）',
    unlocks: 0,
    ...over,
  });
