/**
 * Staff safety and the audit log under attack, through the built admin function and the real SDK:
 * nobody lowers their own role, two admins demoting each other at once leave one admin, hostile
 * payloads never reach the log, refusals are coalesced, and a failing log never changes an answer.
 */
import { DEFAULT_LADDER_CONFIG } from '../../core/ladder/ladder.config';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: 'o-sa-boss' });
  for (const who of ['o-sa-boss', 'o-sa-a1', 'o-sa-a2', 'o-sa-mod', 'o-sa-cust']) await p.call('member', who, { action: 'open' });
  expect(await p.call('admin', 'o-sa-boss', { action: 'grantRole', openid: 'o-sa-mod', role: 'moderator' })).toMatchObject({ ok: true });
});
afterAll(() => p.emu.close());

const staff = () => p.emu.db.find({ collection: 'staff', query: {}, limit: 1000 }) as Array<{ _id: string; role: string }>;
const admins = () =>
  staff()
    .filter((s) => s.role === 'admin')
    .map((s) => s._id)
    .sort();
const audit = (query: Record<string, unknown> = {}) => p.emu.db.find({ collection: 'audit_log', query, limit: 1000 }) as any[];
const sdkDb = () => require('wx-server-sdk').database();

/** Makes exactly these people the admins (everyone else keeps a lower role or none). */
async function onlyAdmins(...ids: string[]) {
  const db = sdkDb();
  for (const s of staff()) if (s.role === 'admin' && !ids.includes(s._id)) await db.collection('staff').doc(s._id).remove();
  for (const id of ids)
    await db
      .collection('staff')
      .doc(id)
      .set({ data: { role: 'admin', grantedBy: 'test', grantedAt: new Date() } });
  expect(admins()).toEqual([...ids].sort());
}

describe('nobody lowers their own role; the last admin stays', () => {
  test('an admin cannot demote themselves through grantRole, nor revoke themselves', async () => {
    await onlyAdmins('o-sa-boss');
    expect(await p.call('admin', 'o-sa-boss', { action: 'grantRole', openid: 'o-sa-boss', role: 'moderator' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '不能降低自己的权限，请让另一位管理员操作' },
    });
    expect(await p.call('admin', 'o-sa-boss', { action: 'revokeRole', openid: 'o-sa-boss' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(admins()).toEqual(['o-sa-boss']);
    expect(audit({ actor: 'o-sa-boss', action: 'staff.grant' }).at(-1)).toMatchObject({ outcome: 'failed', detail: 'CONFLICT' });
    // Granting yourself the role you have changes nothing and is allowed.
    expect(await p.call('admin', 'o-sa-boss', { action: 'grantRole', openid: 'o-sa-boss', role: 'admin' })).toMatchObject({ ok: true });
    expect(admins()).toEqual(['o-sa-boss']);
  });

  test('an admin can still demote or revoke another admin', async () => {
    await onlyAdmins('o-sa-boss', 'o-sa-a1');
    expect(await p.call('admin', 'o-sa-boss', { action: 'grantRole', openid: 'o-sa-a1', role: 'moderator' })).toMatchObject({ ok: true });
    expect(admins()).toEqual(['o-sa-boss']);
    expect(await p.call('admin', 'o-sa-boss', { action: 'revokeRole', openid: 'o-sa-a1' })).toMatchObject({ ok: true });
    expect(staff().find((s) => s._id === 'o-sa-a1')).toBeUndefined();
    expect(await p.call('admin', 'o-sa-boss', { action: 'revokeRole', openid: 'o-sa-a1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test.each([
    ['demote each other (grant moderator)', (other: string) => ({ action: 'grantRole', openid: other, role: 'moderator' })],
    ['revoke each other', (other: string) => ({ action: 'revokeRole', openid: other })],
  ])('two admins who %s at the same moment leave exactly one admin (10 rounds)', async (_name, change) => {
    for (let round = 0; round < 10; round++) {
      await onlyAdmins('o-sa-a1', 'o-sa-a2');
      const [one, two] = await Promise.all([p.call('admin', 'o-sa-a1', change('o-sa-a2')), p.call('admin', 'o-sa-a2', change('o-sa-a1'))]);
      expect([one.ok, two.ok].sort()).toEqual([false, true]);
      expect([one, two].find((r) => !r.ok).error.code).toBe('FORBIDDEN');
      expect(admins()).toHaveLength(1);
    }
  });

  test('the staff list shows each person’s role and who granted it, nothing else', async () => {
    await onlyAdmins('o-sa-boss', 'o-sa-a1');
    await p.call('admin', 'o-sa-boss', { action: 'grantRole', openid: 'o-sa-a2', role: 'moderator' });
    const list = await p.call('admin', 'o-sa-boss', { action: 'listStaff' });
    for (const s of list.data.staff) expect(Object.keys(s).sort()).toEqual(['_id', 'grantedAt', 'grantedBy', 'nickname', 'role']);
  });
});

describe('hostile payloads never reach the log', () => {
  const hostileConfig = () => ({ ...DEFAULT_LADDER_CONFIG, $where: 'sleep(100)', 'thresholds.buyerOrders': 0, blob: 'x'.repeat(60_000) });

  test('a customer’s 1 MiB payload with $ and dotted keys is refused at the door and logs nothing', async () => {
    const before = audit().length;
    const big = { ...DEFAULT_LADDER_CONFIG, blob: 'x'.repeat(1 << 20) };
    expect(await p.call('admin', 'o-sa-cust', { action: 'updateLadderConfig', config: big })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('请求内容过大') },
    });
    expect(await p.call('admin', 'o-sa-cust', { action: 'updateLadderConfig', config: hostileConfig() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(audit().length).toBe(before);
  });

  test('a 2,000-deep payload is a validation failure, not INTERNAL', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 2_000; i++) deep = { a: deep };
    expect(await p.call('admin', 'o-sa-cust', { action: 'updateLadderConfig', config: deep })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '请求内容嵌套过深（超过 20 层）' },
    });
    expect(await p.call('admin', 'o-sa-boss', { action: 'updateReferralConfig', config: deep })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  test('extra keys in a config are refused by its shape, for admins too', async () => {
    expect(await p.call('admin', 'o-sa-boss', { action: 'updateLadderConfig', config: { ...DEFAULT_LADDER_CONFIG, bonus: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(p.emu.db.find({ collection: 'settings', query: { _id: 'ladder' }, limit: 1 })).toEqual([]);
  });
});

describe('refusals are coalesced', () => {
  // A minute into a 10-minute window: the bursts below never straddle two.
  beforeAll(() => p.emu.clock.set(Date.parse('2030-01-01T00:01:00.000Z')));

  test('a customer refused 30 times within ten minutes is one entry counting 30, holding a digest, not the config', async () => {
    const config = { ...DEFAULT_LADDER_CONFIG, periodDays: 7 };
    for (let i = 0; i < 30; i++)
      expect(await p.call('admin', 'o-sa-cust', { action: 'updateLadderConfig', config })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const entries = audit({ actor: 'o-sa-cust', action: 'ladder.config.update' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      outcome: 'denied',
      role: 'customer',
      count: 30,
      target: { settings: 'ladder', digest: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect(entries[0].target).not.toHaveProperty('config');
    expect(entries[0].lastAt.getTime()).toBeGreaterThanOrEqual(entries[0].at.getTime());
    const log = await p.call('admin', 'o-sa-boss', { action: 'auditLog', limit: 100 });
    expect(log.data.entries.find((e: any) => e.actor === 'o-sa-cust' && e.action === 'ladder.config.update')).toMatchObject({ count: 30, outcome: 'denied' });
  });

  test('20 refusals at once are all counted in one entry', async () => {
    await Promise.all(Array.from({ length: 20 }, () => p.call('admin', 'o-sa-mod', { action: 'revokeRole', openid: 'o-sa-boss' })));
    expect(audit({ actor: 'o-sa-mod', action: 'staff.revoke' })).toEqual([
      expect.objectContaining({ count: 20, target: { openid: 'o-sa-boss', digest: expect.any(String) } }),
    ]);
  });

  test('the next window starts a new entry', async () => {
    await p.call('admin', 'o-sa-cust', { action: 'overview' });
    p.emu.clock.advance(10 * 60_000);
    await p.call('admin', 'o-sa-cust', { action: 'overview' });
    expect(audit({ actor: 'o-sa-cust', action: 'admin.overview' }).map((e) => e.count)).toEqual([1, 1]);
  });
});

describe('a failing audit log never changes the answer', () => {
  afterEach(() => p.emu.faults.clear());

  test('a refusal stays FORBIDDEN when the log cannot be written', async () => {
    p.emu.faults.add({ collection: 'audit_log', times: 100, message: 'audit_log is down' });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await p.call('admin', 'o-sa-cust', { action: 'updateLadderConfig', config: DEFAULT_LADDER_CONFIG })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await p.call('admin', 'o-sa-mod', { action: 'listStaff' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(error).toHaveBeenCalledWith(expect.stringContaining('AUDIT WRITE FAILED: ladder.config.update by o-sa-cust (customer) denied'), expect.anything());
    } finally {
      error.mockRestore();
    }
  });

  test('an allowed change that happened answers its result; the failure is logged', async () => {
    await onlyAdmins('o-sa-boss');
    p.emu.faults.add({ collection: 'audit_log', times: 100, message: 'audit_log is down' });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const saved = await p.call('admin', 'o-sa-boss', { action: 'updateLadderConfig', config: { ...DEFAULT_LADDER_CONFIG, periodDays: 120 } });
      expect(saved).toMatchObject({ ok: true, data: { periodDays: 120 } });
      expect(p.emu.db.find({ collection: 'settings', query: { _id: 'ladder' }, limit: 1 })).toEqual([
        expect.objectContaining({ periodDays: 120, updatedBy: 'o-sa-boss' }),
      ]);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('AUDIT WRITE FAILED: ladder.config.update by o-sa-boss (admin) ok'), expect.anything());
    } finally {
      error.mockRestore();
    }
  });
});
