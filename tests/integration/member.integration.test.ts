/**
 * The member and admin functions, built as deployed, through the emulator with the real SDK.
 */
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: 'o-boss,o-boss2', FLYWHEEL_BRAND_NAME: '山川咖啡' });
});
afterAll(() => p.emu.close());

const members = () => p.emu.db.find({ collection: 'members', query: {}, limit: 1000 });

describe('member identity', () => {
  test('the first open makes a follower (基础用户); opening again returns the same person', async () => {
    const first = await p.call('member', 'o-new', { action: 'open' });
    expect(first).toEqual({
      ok: true,
      data: {
        profile: expect.objectContaining({
          memberId: 'o-new',
          tier: 'follower',
          tierName: '基础用户',
          points: 0,
          role: 'customer',
          isMember: false,
          joinedAt: null,
        }),
      },
    });
    expect(first.data.profile.nickname).toMatch(/^微信用户\d{4}$/);
    const again = await p.call('member', 'o-new', { action: 'open' });
    expect(again.data.profile).toEqual(first.data.profile);
  });

  test('20 concurrent first opens create exactly one record', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => p.call('member', 'o-race', { action: 'open' })));
    expect(results.every((r) => r.ok && r.data.profile.memberId === 'o-race')).toBe(true);
    expect(members().filter((m) => m._id === 'o-race')).toHaveLength(1);
  });

  test('joining needs the terms; then the person is 未购会员; joining twice changes nothing', async () => {
    await p.call('member', 'o-join', { action: 'open' });
    const refused = await p.call('member', 'o-join', { action: 'join', agreeTerms: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('请先阅读并同意会员协议') } });
    const joined = await p.call('member', 'o-join', { action: 'join', agreeTerms: true, phone: '13800138000' });
    expect(joined.data.profile).toMatchObject({ tier: 'member', tierName: '未购会员', isMember: true });
    const again = await p.call('member', 'o-join', { action: 'join', agreeTerms: true });
    expect(again.data.profile.joinedAt).toBe(joined.data.profile.joinedAt);
    const stored = members().find((m) => m._id === 'o-join')!;
    expect(stored).toMatchObject({ phone: '13800138000', termsVersion: expect.any(String) });
  });

  test('profile edits are validated and saved', async () => {
    await p.call('member', 'o-prof', { action: 'open' });
    const saved = await p.call('member', 'o-prof', { action: 'updateProfile', nickname: '  小林  ' });
    expect(saved.data.profile.nickname).toBe('小林');
    const tooLong = await p.call('member', 'o-prof', { action: 'updateProfile', nickname: '长'.repeat(21) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const badAvatar = await p.call('member', 'o-prof', { action: 'updateProfile', avatarUrl: 'http://insecure/x.png' });
    expect(badAvatar.error.message).toContain('头像需为');
    expect(members().find((m) => m._id === 'o-prof')!.nickname).toBe('小林');
  });

  test('invisible characters and direction overrides in a nickname are refused, per field', async () => {
    await p.call('member', 'o-nick', { action: 'open' });
    for (const nickname of ['小\u202e林', '\u200b小林', '小林\u2028', 'ㅤ\u3164']) {
      const res = await p.call('member', 'o-nick', { action: 'updateProfile', nickname });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: [{ path: 'nickname', message: '昵称不能包含不可见字符或文字方向控制符' }] },
      });
    }
    expect(members().find((m) => m._id === 'o-nick')!.nickname).toMatch(/^微信用户\d{4}$/);
  });

  test('the brand, reserved words and staff nicknames are not a member’s to take; staff keep their own', async () => {
    const db = require('wx-server-sdk').database();
    await p.call('member', 'o-staffer', { action: 'open' });
    await db
      .collection('staff')
      .doc('o-staffer')
      .set({ data: { role: 'moderator', grantedBy: 'test', grantedAt: new Date() } });
    expect(await p.call('member', 'o-staffer', { action: 'updateProfile', nickname: '小雨' })).toMatchObject({
      ok: true,
      data: { profile: { nickname: '小雨' } },
    });
    // Staff may say who they are.
    expect(await p.call('member', 'o-staffer', { action: 'updateProfile', nickname: '山川咖啡客服小雨' })).toMatchObject({ ok: true });
    expect(await p.call('member', 'o-staffer', { action: 'updateProfile', nickname: '小雨' })).toMatchObject({ ok: true });

    await p.call('member', 'o-pretender', { action: 'open' });
    const refusals: Array<[string, string]> = [
      ['山川咖啡', '昵称不能使用品牌名称“山川咖啡”'],
      ['山川 咖啡·官方', '昵称不能使用品牌名称“山川咖啡”'],
      ['官方客服', '昵称不能包含“官方”等保留字样'],
      ['ＡＤＭＩＮ', '昵称不能包含“admin”等保留字样'],
      ['小 雨', '该昵称与工作人员重名，请换一个'],
    ];
    for (const [nickname, message] of refusals) {
      const res = await p.call('member', 'o-pretender', { action: 'updateProfile', nickname });
      expect({ nickname, res }).toMatchObject({ nickname, res: { ok: false, error: { code: 'VALIDATION_FAILED', details: [{ path: 'nickname', message }] } } });
    }
    expect(await p.call('member', 'o-pretender', { action: 'updateProfile', nickname: '小雨点' })).toMatchObject({ ok: true });
  });

  test('avatars: WeChat’s avatar hosts and this environment’s cloud files only', async () => {
    await p.call('member', 'o-face', { action: 'open' });
    const env = p.emu.context.envId;
    const accepted = ['https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132', `cloud://${env}.666c-${env}-1300000000/avatars/o-face.png`, ''];
    for (const avatarUrl of accepted)
      expect(await p.call('member', 'o-face', { action: 'updateProfile', avatarUrl })).toMatchObject({ ok: true, data: { profile: { avatarUrl } } });
    for (const avatarUrl of [
      'https://evil.example/a.png',
      'cloud://another-env.616e-another-env-1300000000/a.png',
      'https://thirdwx.qlogo.cn.evil.example/a.png',
    ]) {
      expect(await p.call('member', 'o-face', { action: 'updateProfile', avatarUrl })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: [{ path: 'avatarUrl' }] },
      });
    }
    expect(members().find((m) => m._id === 'o-face')!.avatarUrl).toBe('');
  });

  test('demo personas are refused outside the demo environment', async () => {
    expect(await p.call('member', 'o-new', { action: 'listPersonas' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('malformed input and unknown actions get typed errors and change nothing', () => {
  test.each([
    ['member', {}, 'UNKNOWN_ACTION'],
    ['member', { action: 'teleport' }, 'UNKNOWN_ACTION'],
    ['member', { action: 42 }, 'UNKNOWN_ACTION'],
    ['member', { action: 'toString' }, 'UNKNOWN_ACTION'],
    ['member', { action: 'open', extra: 1 }, 'VALIDATION_FAILED'],
    ['member', { action: 'join' }, 'VALIDATION_FAILED'],
    ['member', { action: 'join', agreeTerms: 'yes' }, 'VALIDATION_FAILED'],
    ['member', { action: 'join', agreeTerms: true, phone: '12345' }, 'VALIDATION_FAILED'],
    ['member', { action: 'join', agreeTerms: true, tier: 'koc' }, 'VALIDATION_FAILED'],
    ['member', { action: 'updateProfile' }, 'VALIDATION_FAILED'],
    ['member', { action: 'updateProfile', nickname: '' }, 'VALIDATION_FAILED'],
    ['member', { action: 'updateProfile', nickname: 7 }, 'VALIDATION_FAILED'],
    ['admin', {}, 'UNKNOWN_ACTION'],
    ['admin', { action: 'dropDatabase' }, 'UNKNOWN_ACTION'],
    ['admin', { action: 'grantRole', openid: 'x', role: 'owner' }, 'VALIDATION_FAILED'],
    ['admin', { action: 'grantRole', role: 'admin' }, 'VALIDATION_FAILED'],
    ['admin', { action: 'revokeRole' }, 'VALIDATION_FAILED'],
    ['admin', { action: 'auditLog', limit: 1000 }, 'VALIDATION_FAILED'],
    ['admin', { action: 'auditLog', before: 'yesterday' }, 'VALIDATION_FAILED'],
    ['admin', { action: 'auditLog', changesOnly: 'yes' }, 'VALIDATION_FAILED'],
    ['admin', { action: 'overview', sneaky: true }, 'VALIDATION_FAILED'],
  ])('%s %j -> %s', async (fn, event, code) => {
    const before = JSON.stringify(p.emu.db.find({ collection: 'members', query: {}, limit: 1000 }));
    const res = await p.call(fn, 'o-bad-input', event);
    expect(res).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(p.emu.db.find({ collection: 'members', query: {}, limit: 1000 }))).toBe(before);
  });

  test('a call without a WeChat identity is refused', async () => {
    expect(await p.call('member', '', { action: 'open' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('staff and the admin area', () => {
  const audit = () => p.emu.db.find({ collection: 'audit_log', query: {}, order: { at: 1 }, limit: 1000 });

  test('the first admin comes from configuration, and that is audited', async () => {
    const res = await p.call('member', 'o-boss', { action: 'open' });
    expect(res.data.profile.role).toBe('admin');
    expect(audit()).toContainEqual(expect.objectContaining({ actor: 'o-boss', action: 'staff.bootstrap', outcome: 'ok' }));
  });

  test('a bootstrap admin revoked by another admin stays revoked though still configured', async () => {
    // o-boss2 is configured too (see beforeAll); o-boss revokes them after their first open.
    expect((await p.call('member', 'o-boss2', { action: 'open' })).data.profile.role).toBe('admin');
    expect(await p.call('admin', 'o-boss', { action: 'revokeRole', openid: 'o-boss2' })).toMatchObject({ ok: true });
    expect((await p.call('member', 'o-boss2', { action: 'open' })).data.profile.role).toBe('customer');
    expect((await p.call('member', 'o-boss2', { action: 'open' })).data.profile.role).toBe('customer');
    expect(audit().filter((e: any) => e.action === 'staff.bootstrap' && e.actor === 'o-boss2')).toHaveLength(1);
  });

  test('a member calling an admin action is refused, and the attempt is audited', async () => {
    await p.call('member', 'o-cust', { action: 'open' });
    expect(await p.call('admin', 'o-cust', { action: 'overview' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audit()).toContainEqual(expect.objectContaining({ actor: 'o-cust', action: 'admin.overview', outcome: 'denied' }));
  });

  test('an admin grants moderator; a moderator sees the overview but cannot manage staff', async () => {
    await p.call('member', 'o-mod', { action: 'open' });
    expect(await p.call('admin', 'o-boss', { action: 'grantRole', openid: 'o-mod', role: 'moderator' })).toMatchObject({ ok: true });
    expect((await p.call('member', 'o-mod', { action: 'open' })).data.profile.role).toBe('moderator');
    const view = await p.call('admin', 'o-mod', { action: 'overview' });
    expect(view.ok).toBe(true);
    expect(view.data.tiers.map((t: any) => t.name)).toEqual(['基础用户', '未购会员', '已购会员', '复购会员', '品牌KOC']);
    expect(view.data.tiers.reduce((n: number, t: any) => n + t.count, 0)).toBe(members().length);
    expect(await p.call('admin', 'o-mod', { action: 'grantRole', openid: 'o-cust', role: 'admin' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await p.call('member', 'o-cust', { action: 'open' })).data.profile.role).toBe('customer');
  });

  test('granting to someone who never opened the app is NOT_FOUND; revoking yourself is refused', async () => {
    expect(await p.call('admin', 'o-boss', { action: 'grantRole', openid: 'o-ghost', role: 'moderator' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await p.call('admin', 'o-boss', { action: 'revokeRole', openid: 'o-boss' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('the audit log lists every admin action, newest first, for admins only', async () => {
    const log = await p.call('admin', 'o-boss', { action: 'auditLog', limit: 50 });
    const actions = log.data.entries.map((e: any) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining(['staff.grant:ok', 'admin.overview:denied', 'admin.overview:ok', 'staff.grant:denied', 'staff.revoke:failed']),
    );
    const times = log.data.entries.map((e: any) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await p.call('admin', 'o-mod', { action: 'auditLog' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('the log can hide reads: changes (granted, refused or failed) stay, overviews and lists go', async () => {
    const all = (await p.call('admin', 'o-boss', { action: 'auditLog', limit: 100 })).data.entries.map((e: any) => e.action);
    expect(all).toEqual(expect.arrayContaining(['admin.overview', 'staff.grant']));
    const changes = (await p.call('admin', 'o-boss', { action: 'auditLog', limit: 100, changesOnly: true })).data.entries;
    expect(changes.map((e: any) => e.action)).toEqual(expect.arrayContaining(['staff.grant', 'staff.revoke']));
    expect(changes.filter((e: any) => ['admin.overview', 'audit.view', 'staff.list'].includes(e.action))).toEqual([]);
    expect(changes.every((e: any) => e.kind === 'change')).toBe(true);
  });
});
