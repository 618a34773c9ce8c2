/**
 * Expose nobody: every member-facing action of every function, called by each person of a scenario
 * where people touch each other (a staff admin adjusts points, a sharer brings a friend who joins and
 * buys, a helper unlocks a perk, coupons are redeemed, orders paid, cancelled and refunded), answers
 * without another person's OPENID or UNIONID anywhere in it — in any string or key, however deep.
 *
 * The actions come from the functions' own action tables, so a new action fails this test until it
 * is given an input here; staff-only functions (admin) and system ones (jobs, payment) are the only
 * ones left out, and a new function folder fails it too until it is classified.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { drawsActions } from '../../cloudfunctions/draws/actions';
import { feedbackActions } from '../../cloudfunctions/feedback/actions';
import { memberActions } from '../../cloudfunctions/member/actions';
import { perksActions } from '../../cloudfunctions/perks/actions';
import { pointsActions } from '../../cloudfunctions/points/actions';
import { referralActions } from '../../cloudfunctions/referral/actions';
import { shopActions } from '../../cloudfunctions/shop/actions';
import type { Database } from '../../core/platform/database';
import { DAY_MS } from '../../core/referrals/referral.config';
import { admin, buyAndPay, fireTimer, order, PAY_ENV } from './orders-helpers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { fireConfirm } from './referrals-helpers';
import { couponReward, sdkDb } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';

// Only the action tables' names are used here; the router's zod locale is an ES module jest's
// node project does not transform (the functions under test run from their built bundles).

/** Functions a member calls; their action tables are the list this test covers. */
const MEMBER_FACING: Record<string, Record<string, unknown>> = {
  member: memberActions,
  shop: shopActions({} as never),
  points: pointsActions,
  referral: referralActions({} as never),
  perks: perksActions,
  draws: drawsActions,
  feedback: feedbackActions({} as never),
};
/** Staff-only (every action checks the role, and answers staff views) and system-only functions. */
const NOT_MEMBER_FACING = ['admin', 'events', 'jobs', 'payment'];

/** Real-looking OPENIDs and UNIONIDs (28 characters), none a substring of another. */
const PEOPLE = {
  admin: { openid: 'oAdmn7Qw3Lr9ZtK2xVbN5sPmH1cE', unionid: 'uAdmn4Tg8Wq1NcX6bRz3KpM9sLvD', nickname: '老陈' },
  sharer: { openid: 'oShar4eRk8Tq2LmZ9xWv3NbC7pYd', unionid: 'uShar2Hn7Jc5VxQ9mKt4BzW1pRgF', nickname: '阿杰' },
  friend: { openid: 'oFrnd5nJ6Hs1KqW8zRt4MxB9vLcA', unionid: 'uFrnd8Lp3Dg6TyN1wQc5ZsJ2hKbM', nickname: '王小明' },
  helper: { openid: 'oHelp3rP7Gd5NsQ2yTk8LwV4mZxB', unionid: 'uHelp6Vf9Kr2MbW5tXn8QdC3jLsG', nickname: '林夕' },
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const PRODUCT = 'p-nf-beans';

let p: ProductEmulator;
let db: Database;

async function call(fn: string, who: Who, event: Record<string, unknown>): Promise<any> {
  const { openid, unionid } = PEOPLE[who];
  const { result } = await p.emu.invoke(
    fn,
    { ...event, userInfo: { openId: openid, appId: p.emu.context.appId } },
    { OPENID: openid, UNIONID: unionid, SOURCE: 'wx_client' },
  );
  return result;
}

async function must(fn: string, who: Who, event: Record<string, unknown>): Promise<any> {
  const res = await call(fn, who, event);
  if (!res?.ok) throw new Error(`${fn}.${String(event.action)} as ${who}: ${JSON.stringify(res?.error ?? res)}`);
  return res.data;
}

/** Every string (and key) in an answer, with where it was. */
function* strings(value: unknown, path = '$'): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield { path: `${path}{key}`, text: k };
      yield* strings(v, `${path}.${k}`);
    }
  }
}

/** Other people's identifiers found in an answer given to `caller`. */
function foreignIds(answer: unknown, caller: Who): Array<{ path: string; whose: string; text: string }> {
  const found: Array<{ path: string; whose: string; text: string }> = [];
  for (const { path, text } of strings(answer)) {
    for (const other of EVERYONE) {
      if (other === caller) continue;
      for (const kind of ['openid', 'unionid'] as const) {
        if (text.includes(PEOPLE[other][kind])) found.push({ path, whose: `${other}.${kind}`, text: text.slice(0, 120) });
      }
    }
  }
  return found;
}

// ---- the scenario

const state = {
  perkId: '',
  rewardId: '',
  inviteCode: {} as Record<Who, string>,
  drawnId: '',
  openDrawId: '',
  postId: '',
};

async function newDraw(title: string): Promise<string> {
  const t = p.emu.clock.now();
  const res = (await admin(p, PEOPLE.admin.openid, {
    action: 'createDraw',
    productId: PRODUCT,
    title,
    units: 2,
    waitlistLength: 1,
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    opensAt: new Date(t).toISOString(),
    closesAt: new Date(t + 3_600_000).toISOString(),
    drawAt: new Date(t + 3_600_000).toISOString(),
  })) as any;
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data.draw.id;
}

beforeAll(async () => {
  // The demo persona list exists only in the local demo (its purpose is to sign in as someone else);
  // production answers NOT_FOUND, and that is what is scanned here.
  delete process.env.FLYWHEEL_DEMO_PERSONAS;
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await putProduct(db, PRODUCT, beans({ stock: 500 }));

  for (const who of EVERYONE) await must('member', who, { action: 'open' });
  // Nicknames as the people chose them (the staff one too); the admin joins like anyone.
  for (const who of EVERYONE)
    await db
      .collection('members')
      .doc(PEOPLE[who].openid)
      .update({ data: { nickname: PEOPLE[who].nickname } });
  await db
    .collection('staff')
    .doc(PEOPLE.admin.openid)
    .set({ data: { role: 'admin', grantedBy: 'test', grantedAt: new Date() } });
  await must('member', 'admin', { action: 'join', agreeTerms: true });
  await must('member', 'sharer', { action: 'join', agreeTerms: true });

  // A perk that unlocks with one friend who joins, and a coupon reward.
  const perk = (await admin(p, PEOPLE.admin.openid, {
    action: 'savePerk',
    title: '好友助力券',
    kind: 'coupon',
    requiredFriends: 1,
    engagement: 'join',
    coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
  })) as any;
  if (!perk.ok) throw new Error(JSON.stringify(perk.error));
  state.perkId = perk.data.perk._id;
  expect((await admin(p, PEOPLE.admin.openid, { action: 'setPerkStatus', perkId: state.perkId, status: 'active' })).ok).toBe(true);
  const reward = (await admin(p, PEOPLE.admin.openid, { action: 'saveReward', ...couponReward('积分换券', 100, { pointsCost: 50 }) })) as any;
  if (!reward.ok) throw new Error(JSON.stringify(reward.error));
  state.rewardId = reward.data.reward._id;

  // The staff admin adjusts the sharer's points (the ledger line records who did it).
  expect(
    (
      await admin(p, PEOPLE.admin.openid, {
        action: 'adjustPoints',
        openid: PEOPLE.sharer.openid,
        amount: 500,
        reason: '活动补发',
        requestId: 'nf-adjust-0001',
      })
    ).ok,
  ).toBe(true);

  // The sharer's invite and product cards; the helper opens the invite and joins (the perk's helper),
  // the friend opens the product card, joins and buys (a referral and a conversion).
  const invite = await must('referral', 'sharer', { action: 'share', targetType: 'invite', channel: 'chat' });
  const productCard = await must('referral', 'sharer', { action: 'share', targetType: 'product', targetId: PRODUCT, channel: 'chat' });
  await must('referral', 'helper', { action: 'visit', code: invite.code });
  await must('member', 'helper', { action: 'join', agreeTerms: true });
  await must('referral', 'friend', { action: 'visit', code: productCard.code });
  await must('member', 'friend', { action: 'join', agreeTerms: true });
  await buyAndPay(p, PEOPLE.friend.openid, [{ productId: PRODUCT, qty: 1 }]);
  await fireTimer(p, 'order-events');
  expect(
    (
      await admin(p, PEOPLE.admin.openid, {
        action: 'adjustPoints',
        openid: PEOPLE.friend.openid,
        amount: 300,
        reason: '客诉补偿',
        requestId: 'nf-adjust-0002',
      })
    ).ok,
  ).toBe(true);

  // A draw everyone enters (the sharer and the friend win: two units, a waitlist of one).
  state.drawnId = await newDraw('限量抽签');
  for (const who of EVERYONE) await must('draws', who, { action: 'enter', drawId: state.drawnId, notify: true });

  // After the hold the conversion is confirmed and the sharer rewarded; the draw is drawn.
  p.emu.clock.advance(8 * DAY_MS);
  expect((await fireTimer(p, 'draws')).ok).toBe(true);
  state.openDrawId = await newDraw('第二期抽签');
  await fireConfirm(p);
  expect((await db.collection('conversions').where({ sharerId: PEOPLE.sharer.openid, status: 'confirmed' }).count()).total).toBe(1);

  // Everyone has an invite card of their own, for the others to open.
  for (const who of EVERYONE) state.inviteCode[who] = (await must('referral', who, { action: 'share', targetType: 'invite', channel: 'chat' })).code;
  // Coupons: the sharer claims the perk and redeems a reward, the friend redeems one.
  await must('perks', 'sharer', { action: 'claim', perkId: state.perkId });
  await must('points', 'sharer', { action: 'redeem', rewardId: state.rewardId, requestId: 'nf-redeem-sharer-1' });
  await must('points', 'friend', { action: 'redeem', rewardId: state.rewardId, requestId: 'nf-redeem-friend-1' });

  // The sharer's post, approved and answered by staff, with the friend's 我也是 and the helper following.
  state.postId = (
    await must('feedback', 'sharer', { action: 'create', category: 'product', text: '希望增加半磅装，方便尝鲜', requestId: 'nf-post-0001' })
  ).postId;
  expect((await admin(p, PEOPLE.admin.openid, { action: 'moderateFeedback', postId: state.postId, decision: 'approve' })).ok).toBe(true);
  expect((await admin(p, PEOPLE.admin.openid, { action: 'replyFeedback', postId: state.postId, text: '已记录，感谢建议' })).ok).toBe(true);
  await must('feedback', 'friend', { action: 'vote', postId: state.postId, on: true });
  await must('feedback', 'helper', { action: 'follow', postId: state.postId, on: true });
}, 120_000);
afterAll(() => p.emu.close());

/** Orders each caller needs for the shop actions: one paid (to look at and refund), two unpaid (to pay and to cancel). */
async function ordersOf(who: Who): Promise<{ paid: string; toPay: string; toCancel: string }> {
  const paid = await buyAndPay(p, PEOPLE[who].openid, [{ productId: PRODUCT, qty: 1 }]);
  const toPay = (await order(p, PEOPLE[who].openid, [{ productId: PRODUCT, qty: 1 }]))._id;
  const toCancel = (await order(p, PEOPLE[who].openid, [{ productId: PRODUCT, qty: 1 }]))._id;
  return { paid, toPay, toCancel };
}

type Inputs = Record<string, Record<string, (who: Who, orders: Awaited<ReturnType<typeof ordersOf>>) => Record<string, unknown>>>;

/** A valid input for every member-facing action; someone else's card for `visit`. */
const INPUTS: Inputs = {
  member: {
    open: () => ({}),
    join: () => ({ agreeTerms: true }),
    updateProfile: (who) => ({ nickname: `${PEOPLE[who].nickname}呀` }),
    listPersonas: () => ({}),
    ladder: () => ({}),
    centre: () => ({}),
    notifySubscribe: () => ({ kinds: ['draw_result', 'draw_promoted'] }),
    notifyMine: () => ({}),
    notifyTemplates: () => ({}),
  },
  shop: {
    catalog: () => ({}),
    product: () => ({ productId: PRODUCT }),
    quote: () => ({ lines: [{ productId: PRODUCT, qty: 2 }] }),
    createOrder: (who) => ({ requestId: `nf-order-${who}-x`, lines: [{ productId: PRODUCT, qty: 1 }] }),
    pay: (_who, o) => ({ orderId: o.toPay }),
    cancelOrder: (_who, o) => ({ orderId: o.toCancel }),
    order: (_who, o) => ({ orderId: o.paid }),
    myOrders: () => ({}),
    requestRefund: (_who, o) => ({ orderId: o.paid, reason: '不想要了' }),
  },
  points: {
    summary: () => ({}),
    history: () => ({ limit: 50 }),
    rewards: () => ({}),
    redeem: (who) => ({ rewardId: state.rewardId, requestId: `nf-redeem-${who}-scan` }),
    coupons: () => ({}),
  },
  referral: {
    share: () => ({ targetType: 'product', targetId: PRODUCT, channel: 'timeline' }),
    // The sharer opens the helper's card; everyone else opens the sharer's.
    visit: (who) => ({ code: state.inviteCode[who === 'sharer' ? 'helper' : 'sharer'] }),
    poster: () => ({ targetType: 'invite' }),
    influence: () => ({}),
  },
  perks: {
    list: () => ({}),
    claim: () => ({ perkId: state.perkId }),
  },
  draws: {
    list: () => ({}),
    detail: () => ({ drawId: state.drawnId }),
    enter: () => ({ drawId: state.openDrawId }),
    mine: () => ({}),
    proof: () => ({ drawId: state.drawnId }),
    proofEntries: () => ({ drawId: state.drawnId }),
  },
  feedback: {
    list: () => ({ sort: 'votes' }),
    detail: () => ({ postId: state.postId }),
    mine: () => ({}),
    compose: () => ({}),
    uploadPaths: () => ({ types: ['image/jpeg', 'image/png'] }),
    create: (who) => ({ category: 'service', text: '客服回复很及时，点赞', requestId: `nf-post-${who}-scan` }),
    vote: () => ({ postId: state.postId, on: true }),
    follow: () => ({ postId: state.postId, on: true }),
  },
};

test('every function folder is classified as member-facing or not', () => {
  const root = join(__dirname, '..', '..', 'cloudfunctions');
  const functions = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  expect(functions).toEqual([...Object.keys(MEMBER_FACING), ...NOT_MEMBER_FACING].sort());
});

test('every member-facing action has an input here', () => {
  for (const [fn, table] of Object.entries(MEMBER_FACING))
    expect({ fn, actions: Object.keys(INPUTS[fn] ?? {}).sort() }).toEqual({ fn, actions: Object.keys(table).sort() });
});

test('no answer to anyone holds another person’s OPENID or UNIONID', async () => {
  const leaks: Array<{ call: string; caller: Who; path: string; whose: string; text: string }> = [];
  const answered: Record<string, number> = {};
  for (const caller of EVERYONE) {
    const orders = await ordersOf(caller);
    for (const [fn, table] of Object.entries(MEMBER_FACING)) {
      for (const action of Object.keys(table)) {
        const input = INPUTS[fn]?.[action];
        if (!input) continue;
        const res = await call(fn, caller, { action, ...input(caller, orders) });
        expect({ call: `${fn}.${action}`, caller, envelope: typeof res?.ok }).toEqual({ call: `${fn}.${action}`, caller, envelope: 'boolean' });
        if (res.ok) answered[`${fn}.${action}`] = (answered[`${fn}.${action}`] ?? 0) + 1;
        for (const leak of foreignIds(res, caller)) leaks.push({ call: `${fn}.${action}`, caller, ...leak });
      }
    }
  }
  expect(leaks).toEqual([]);
  // The scan is not vacuous: every action answered with data for someone (listPersonas only in the demo).
  const all = Object.entries(MEMBER_FACING).flatMap(([fn, table]) => Object.keys(table).map((a) => `${fn}.${a}`));
  expect(all.filter((a) => !answered[a] && a !== 'member.listPersonas')).toEqual([]);
}, 180_000);
