/**
 * The rewards catalog in the admin area, through the built admin function: moderators read,
 * admins edit, everyone else is refused, every attempt is audited, bad input changes nothing.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, couponReward, memberWithPoints, sdkDb, staff, stockOf } from './rewards-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-ra-admin';
const MOD = 'o-ra-mod';
const CUSTOMER = 'o-ra-customer';

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  await staff(db, MOD, 'moderator');
  await memberWithPoints(db, CUSTOMER, 'koc', 0);
});
afterAll(() => p.emu.close());

const admin = (openid: string, event: Record<string, unknown>) => p.call('admin', openid, event);
const audit = () => all(p, 'audit_log');

test('an admin creates a coupon reward: active, stock split into shards, audited', async () => {
  const res = await admin(ADMIN, { action: 'saveReward', ...couponReward('  满50减10元券  ', 25, { minTier: 'buyer' }) });
  expect(res).toMatchObject({
    ok: true,
    data: {
      reward: {
        title: '满50减10元券',
        status: 'active',
        remaining: 25,
        stockShards: 10,
        redeemed: 0,
        minTier: 'buyer',
        coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 7 },
        updatedBy: ADMIN,
      },
    },
  });
  const id = res.data.reward._id;
  expect(
    stockOf(p, id)
      .map((s: any) => s.remaining)
      .sort(),
  ).toEqual([2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  expect(audit()).toContainEqual(
    expect.objectContaining({ actor: ADMIN, action: 'rewards.save', outcome: 'ok', target: expect.objectContaining({ rewardId: id, stock: 25 }) }),
  );
});

test('an edit without stock leaves stock alone; with stock it sets the remaining stock', async () => {
  const created = (await admin(ADMIN, { action: 'saveReward', ...couponReward('编辑测试券', 8) })).data.reward;
  const edited = await admin(ADMIN, {
    action: 'saveReward',
    ...couponReward('编辑后的券', 8),
    rewardId: created._id,
    stock: undefined,
    pointsCost: 150,
    sort: 5,
  });
  expect(edited.data.reward).toMatchObject({ _id: created._id, title: '编辑后的券', pointsCost: 150, sort: 5, remaining: 8, stockShards: 8, status: 'active' });
  const restocked = await admin(ADMIN, { action: 'saveReward', ...couponReward('编辑后的券', 40), rewardId: created._id });
  expect(restocked.data.reward).toMatchObject({ remaining: 40, stockShards: 10 });
  expect(await admin(ADMIN, { action: 'saveReward', ...couponReward('不存在', 1), rewardId: 'rw_missing' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', message: '奖品不存在或已被删除' },
  });
});

test('taking a reward down hides it from members; putting it back shows it again', async () => {
  const id = (await admin(ADMIN, { action: 'saveReward', ...couponReward('上下架测试', 3) })).data.reward._id;
  const visible = async () => (await p.call('points', CUSTOMER, { action: 'rewards' })).data.rewards.some((r: any) => r._id === id);
  expect(await visible()).toBe(true);
  expect(await admin(ADMIN, { action: 'setRewardStatus', rewardId: id, status: 'inactive' })).toMatchObject({
    ok: true,
    data: { reward: { _id: id, status: 'inactive', remaining: 3 } },
  });
  expect(await visible()).toBe(false);
  expect((await admin(MOD, { action: 'rewardsList' })).data.rewards.find((r: any) => r._id === id)).toMatchObject({ status: 'inactive' });
  await admin(ADMIN, { action: 'setRewardStatus', rewardId: id, status: 'active' });
  expect(await visible()).toBe(true);
  expect(await admin(ADMIN, { action: 'setRewardStatus', rewardId: 'rw_missing', status: 'active' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
});

test('a moderator lists the catalog (every status, redemptions counted) but cannot edit it', async () => {
  const list = await admin(MOD, { action: 'rewardsList' });
  expect(list.ok).toBe(true);
  expect(list.data.rewards.length).toBeGreaterThanOrEqual(3);
  expect(list.data.rewards[0]).toEqual(
    expect.objectContaining({ status: expect.any(String), remaining: expect.any(Number), redeemed: 0, updatedAt: expect.any(String) }),
  );
  const before = all(p, 'rewards').length;
  expect(await admin(MOD, { action: 'saveReward', ...couponReward('越权', 1) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await admin(MOD, { action: 'setRewardStatus', rewardId: list.data.rewards[0]._id, status: 'inactive' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(all(p, 'rewards')).toHaveLength(before);
  expect(audit()).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ actor: MOD, action: 'rewards.list', outcome: 'ok' }),
      expect.objectContaining({ actor: MOD, action: 'rewards.save', outcome: 'denied' }),
      expect.objectContaining({ actor: MOD, action: 'rewards.status', outcome: 'denied' }),
    ]),
  );
});

test('a customer is refused everything, and the attempts are audited', async () => {
  expect(await admin(CUSTOMER, { action: 'rewardsList' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await admin(CUSTOMER, { action: 'saveReward', ...couponReward('越权', 1) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(audit()).toContainEqual(expect.objectContaining({ actor: CUSTOMER, action: 'rewards.list', outcome: 'denied' }));
});

describe('bad input is refused with a message in Chinese and changes nothing', () => {
  const coupon = (c: Record<string, unknown>) => ({ coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 7, ...c } });
  test.each([
    ['empty title', { title: '   ' }, '请填写奖品名称'],
    ['title over 30', { title: '券'.repeat(31) }, '奖品名称最多 30 个字'],
    ['zero cost', { pointsCost: 0 }, '所需积分须为正整数'],
    ['fractional cost', { pointsCost: 9.5 }, '所需积分须为正整数'],
    ['fractional fen', coupon({ valueFen: 10.5 }), '券面额须为整数（分）'],
    ['negative threshold', coupon({ minSpendFen: -1 }), '使用门槛不能为负数'],
    ['value not below threshold', coupon({ valueFen: 5000, minSpendFen: 5000 }), '券面额须小于使用门槛'],
    ['zero days', coupon({ validDays: 0 }), '有效期至少 1 天'],
    ['366 days', coupon({ validDays: 366 }), '有效期最多 365 天'],
    ['negative stock', { stock: -1 }, '库存不能为负数'],
    ['stock over 100000', { stock: 100_001 }, '库存最多 100000'],
    ['no stock on create', { stock: undefined }, '请填写库存'],
    ['unknown tier', { minTier: 'vip' }, '兑换门槛须为会员等级'],
    ['follower tier', { minTier: 'follower' }, '兑换门槛须为会员等级'],
    ['coupon without terms', { coupon: null }, '优惠券奖品需填写券面额、门槛和有效期'],
    ['product with coupon terms', { kind: 'product' }, '实物奖品不需要优惠券设置'],
    ['insecure image', { image: 'http://example.com/a.png' }, '图片需为 https:// 或 cloud:// 地址'],
    ['unknown field', { secret: 1 }, ''],
  ])('%s', async (_name, change, message) => {
    const before = JSON.stringify([all(p, 'rewards'), all(p, 'reward_stock')]);
    const res = await admin(ADMIN, { action: 'saveReward', ...couponReward('校验', 10), ...change });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(res.error.message).toContain(message);
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify([all(p, 'rewards'), all(p, 'reward_stock')])).toBe(before);
  });

  test('a threshold of 0 allows any value (无门槛券)', async () => {
    expect(await admin(ADMIN, { action: 'saveReward', ...couponReward('无门槛5元', 10), ...coupon({ valueFen: 500, minSpendFen: 0 }) })).toMatchObject({
      ok: true,
    });
  });

  test('setRewardStatus takes active or inactive only', async () => {
    expect(await admin(ADMIN, { action: 'setRewardStatus', rewardId: 'x', status: 'deleted' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('状态须为上架或下架') },
    });
  });
});
