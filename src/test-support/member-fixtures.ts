import type { LadderView, MemberCentre, MyLadderView, SessionProfile } from '@/services/contracts';

// jest only: server answers for the member centre and the ladder page.

export const follower: SessionProfile = {
  memberId: 'm1',
  nickname: '小林',
  avatarUrl: '',
  tier: 'follower',
  tierName: '基础用户',
  points: 0,
  role: 'customer',
  isMember: false,
  joinedAt: null,
};

export const repeatBuyer: SessionProfile = {
  ...follower,
  tier: 'repeat_buyer',
  tierName: '复购会员',
  isMember: true,
  points: 1500,
  joinedAt: '2025-01-02T03:04:05.000Z',
};

export const myLadder = (over: Partial<MyLadderView> = {}): MyLadderView => ({
  tier: 'follower',
  tierName: '基础用户',
  isMember: false,
  paidOrders: 0,
  friends: 0,
  reason: '尚未加入会员',
  progress: { nextTier: 'member', nextTierName: '未购会员', text: '加入会员即可成为未购会员' },
  grace: null,
  holdsUntil: null,
  ...over,
});

/** A repeat buyer whose second order was refunded: in grace, one order keeps the tier. */
export const repeatBuyerInGrace = (until: string | null): MyLadderView =>
  myLadder({
    tier: 'repeat_buyer',
    tierName: '复购会员',
    isMember: true,
    paidOrders: 1,
    friends: 0,
    reason: '近 180 天有 1 笔有效订单',
    progress: { nextTier: 'koc', nextTierName: '品牌KOC', text: '再下 1 单，并邀请 1 位好友购买，即可成为品牌KOC' },
    grace: { until, keepText: '再下 1 单保级' },
  });

export const centre = (over: Partial<MemberCentre> = {}): MemberCentre => ({
  profile: follower,
  points: { balance: 0, debt: 0, expiringSoon: { total: 0, days: 30, lots: [] } },
  ladder: myLadder(),
  coupons: { available: 0 },
  ...over,
});

const benefits = (tier: MyLadderView['tier'], permille: number, draws: boolean, perks: boolean) => ({
  tier,
  priceLevel: tier,
  pointsMultiplierPermille: permille,
  perksEligible: perks,
  drawsEligible: draws,
});

export const ladderView = (me: MyLadderView = myLadder()): LadderView => ({
  periodDays: 180,
  graceDays: 30,
  steps: [
    {
      tier: 'follower',
      name: '基础用户',
      requirement: '打开小程序即可',
      benefits: benefits('follower', 1000, false, false),
      benefitLines: ['1 倍积分', '按商品原价购买'],
    },
    {
      tier: 'member',
      name: '未购会员',
      requirement: '同意会员协议，加入会员',
      benefits: benefits('member', 1000, false, false),
      benefitLines: ['1 倍积分', '享未购会员价'],
    },
    {
      tier: 'buyer',
      name: '已购会员',
      requirement: '近 180 天有 1 笔已支付且未退款的订单',
      benefits: benefits('buyer', 1200, true, false),
      benefitLines: ['1.2 倍积分', '享已购会员价', '可参与限量抽签'],
    },
    {
      tier: 'repeat_buyer',
      name: '复购会员',
      requirement: '近 180 天有 2 笔已支付且未退款的订单',
      benefits: benefits('repeat_buyer', 1500, true, false),
      benefitLines: ['1.5 倍积分', '享复购会员价', '可参与限量抽签'],
    },
    {
      tier: 'koc',
      name: '品牌KOC',
      requirement: '复购会员，且近 180 天至少 1 位好友通过你的分享购买',
      benefits: benefits('koc', 2000, true, true),
      benefitLines: ['2 倍积分', '享品牌KOC价', '可参与限量抽签', '可解锁好友助力福利'],
    },
  ],
  me,
});
