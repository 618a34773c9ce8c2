/**
 * Staff find a member by nickname, phone tail or order number (`admin.findMembers`), through the
 * built admin function and the real SDK's db.RegExp on the emulator; the key it answers is what the
 * member actions take.
 */
import { memberWithPoints, sdkDb } from './rewards-helpers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
const ADMIN = 'o-ms-admin';
const find = (query: unknown, who = ADMIN) => p.call('admin', who, { action: 'findMembers', query });
const keys = (res: any): string[] => res.data.members.map((m: any) => m.memberKey);

async function member(id: string, nickname: string, extra: Record<string, unknown> = {}) {
  await memberWithPoints(sdkDb(), id, 'member', 0);
  await sdkDb()
    .collection('members')
    .doc(id)
    .update({ data: { nickname, ...extra } });
}

const ORDER_ID = 'O0123456789abcdef01234567';
async function putOrder(id: string, memberId: string, paid: boolean) {
  const at = new Date();
  await sdkDb()
    .collection('orders')
    .doc(id)
    .set({ data: { memberId, status: paid ? 'paid' : 'pending_payment', paidAt: paid ? at : null, createdAt: at, updatedAt: at } });
}

beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: ADMIN });
  for (const who of [ADMIN, 'o-ms-mod', 'o-ms-cust']) await p.call('member', who, { action: 'open' });
  expect(await p.call('admin', ADMIN, { action: 'grantRole', openid: 'o-ms-mod', role: 'moderator' })).toMatchObject({ ok: true });
  await member('o-ms-zhou', '小周周', { phone: '13912345678', tier: 'buyer' });
  await member('o-ms-zoe', 'Zoe 爱喝咖啡');
  await member('o-ms-dot', 'a.b 先生');
  await member('o-ms-axb', 'aXb 女士', { phone: '13700005678' });
  await member('o-ms-plain', '老王');
  for (let i = 0; i < 25; i++) await member(`o-ms-bulk-${String(i).padStart(2, '0')}`, `批量会员${i}`);
  await putOrder(ORDER_ID, 'o-ms-plain', true);
  await putOrder('O0123456789abcdef01234568', 'o-ms-plain', true);
  await putOrder('O0123456789abcdef01234569', 'o-ms-plain', false);
});
afterAll(() => p.emu.close());

test('"周周" finds 小周周 with her tier and phone tail, never the whole phone', async () => {
  const res = await find('周周');
  expect(res).toEqual({
    ok: true,
    data: {
      members: [
        { memberKey: 'o-ms-zhou', nickname: '小周周', tier: 'buyer', tierName: '已购会员', phoneTail: '5678', joinedAt: expect.any(String), orders: 0 },
      ],
      more: false,
    },
  });
  expect(JSON.stringify(res)).not.toContain('1391234');
});

test('a nickname matches in any case, and the query is trimmed', async () => {
  expect(keys(await find('  zoe '))).toEqual(['o-ms-zoe']);
});

test('four digits find every phone ending in them; three do not', async () => {
  expect(keys(await find('5678')).sort()).toEqual(['o-ms-axb', 'o-ms-zhou']);
  expect(keys(await find('12345678'))).toEqual(['o-ms-zhou']);
  expect(keys(await find('678'))).toEqual([]);
});

test('an order number finds its buyer, with their paid orders counted', async () => {
  expect((await find(ORDER_ID)).data.members).toEqual([expect.objectContaining({ memberKey: 'o-ms-plain', nickname: '老王', orders: 2 })]);
  expect(keys(await find(ORDER_ID.toUpperCase()))).toEqual(['o-ms-plain']);
  expect(keys(await find('O0123456789abcdef0123456f'))).toEqual([]);
});

test('regular-expression characters are literal', async () => {
  expect(keys(await find('a.b'))).toEqual(['o-ms-dot']);
  expect(keys(await find('.*'))).toEqual([]);
  expect(keys(await find('(周'))).toEqual([]);
  expect(keys(await find('[周]'))).toEqual([]);
});

test('at most 20, and the answer says there are more', async () => {
  const res = await find('批量会员');
  expect(res.data.members).toHaveLength(20);
  expect(res.data.more).toBe(true);
  expect(new Set(keys(res)).size).toBe(20);
});

test('a customer is refused; a moderator may search; the search is audited', async () => {
  expect(await find('周周', 'o-ms-cust')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } });
  expect(keys(await find('周周', 'o-ms-mod'))).toEqual(['o-ms-zhou']);
  const audit = p.emu.db.find({ collection: 'audit_log', query: { actor: 'o-ms-mod', action: 'members.find' }, limit: 10 }) as any[];
  expect(audit.at(-1)).toMatchObject({ outcome: 'ok', target: { query: '周周' } });
});

test('a bad query is refused in Chinese', async () => {
  expect(await find('   ')).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('请输入昵称、手机尾号或订单号') },
  });
  expect(await find('x'.repeat(33))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('最多 32 个字') } });
  expect(await find(42)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

test('the key it answers is what adjusting points takes', async () => {
  const [zhou] = (await find('周周')).data.members;
  const res = await p.call('admin', ADMIN, { action: 'adjustPoints', openid: zhou.memberKey, amount: 50, reason: '找到周周', requestId: 'req-ms-0001' });
  expect(res).toMatchObject({ ok: true });
  expect((p.emu.db.find({ collection: 'members', query: { _id: 'o-ms-zhou' }, limit: 1 }) as any[])[0].points).toBe(50);
});
