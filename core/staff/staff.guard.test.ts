import type { Database } from '../platform/database';
import { ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from './staff.guard';

type Doc = Record<string, any>;

/** Just enough of the database for asStaff: staff roles by id, and the audit log (which can be made to fail). */
function fakeDb(roles: Record<string, string>, opts: { auditDown?: boolean } = {}) {
  const audit = new Map<string, Doc>();
  let auto = 0;
  const missing = () => new Error('document.get:fail document with _id does not exist');
  const down = () => new Error('audit_log unavailable');
  const db = {
    command: { inc: (n: number) => ({ $inc: n }) },
    collection(name: string) {
      return {
        doc(id: string) {
          return {
            async get() {
              if (name === 'staff' && roles[id]) return { data: { _id: id, role: roles[id] } };
              throw missing();
            },
            async update({ data }: { data: Doc }) {
              if (name !== 'audit_log') throw new Error(`unexpected update of ${name}`);
              if (opts.auditDown) throw down();
              const stored = audit.get(id);
              if (!stored) return { stats: { updated: 0 } };
              stored.count += data.count.$inc;
              stored.lastAt = data.lastAt;
              return { stats: { updated: 1 } };
            },
          };
        },
        async add({ data }: { data: Doc }) {
          if (name !== 'audit_log') throw new Error(`unexpected add to ${name}`);
          if (opts.auditDown) throw down();
          const id = (data._id as string | undefined) ?? `auto${auto++}`;
          if (audit.has(id)) throw new Error('E11000 duplicate key error');
          audit.set(id, structuredClone(data));
          return { _id: id };
        },
      };
    },
  };
  return { db: db as unknown as Database, audit };
}

const ctxOf = (db: Database, openid: string): ActionContext => ({ caller: { openid, appid: 'wx1' }, db });
const hostile = { settings: 'ladder', config: { $where: 'x', 'a.b': 1, blob: 'x'.repeat(100_000) } };

let consoleError: jest.SpyInstance;
beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // One moment, well inside a 10-minute window: the coalescing below never straddles two.
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-05-01T10:03:00.000Z'));
});
afterEach(() => jest.restoreAllMocks());

describe('asStaff: denials', () => {
  test('a customer refused 50 times is one entry counting 50, with no trace of the payload', async () => {
    const { db, audit } = fakeDb({});
    const body = jest.fn(async () => ok('changed'));
    for (let i = 0; i < 50; i++) {
      expect(await asStaff(ctxOf(db, 'o-cust'), 'ladder.manage', 'ladder.config.update', hostile, body)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '没有权限执行此操作' },
      });
    }
    expect(body).not.toHaveBeenCalled();
    expect(audit.size).toBe(1);
    const [entry] = [...audit.values()];
    expect(entry).toMatchObject({
      actor: 'o-cust',
      role: 'customer',
      action: 'ladder.config.update',
      outcome: 'denied',
      kind: 'change',
      count: 50,
      target: { settings: 'ladder', digest: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect(Object.keys(entry.target).sort()).toEqual(['digest', 'settings']);
    expect(JSON.stringify(entry)).not.toContain('$where');
  });

  test('two first denials at once are both counted (the insert loser updates)', async () => {
    const { db, audit } = fakeDb({});
    await Promise.all([1, 2, 3].map(() => asStaff(ctxOf(db, 'o-cust'), 'admin.view', 'admin.overview', {}, async () => ok(1))));
    expect([...audit.values()].map((e) => e.count)).toEqual([3]);
  });

  test('different callers and actions get their own entries', async () => {
    const { db, audit } = fakeDb({ 'o-mod': 'moderator' });
    await asStaff(ctxOf(db, 'o-cust'), 'admin.view', 'admin.overview', {}, async () => ok(1));
    await asStaff(ctxOf(db, 'o-mod'), 'staff.manage', 'staff.grant', { openid: 'o-x', role: 'admin' }, async () => ok(1));
    await asStaff(ctxOf(db, 'o-mod'), 'staff.manage', 'staff.revoke', { openid: 'o-x' }, async () => ok(1));
    expect([...audit.values()].map((e) => `${e.actor} ${e.action} ${e.count}`).sort()).toEqual([
      'o-cust admin.overview 1',
      'o-mod staff.grant 1',
      'o-mod staff.revoke 1',
    ]);
    expect([...audit.values()].find((e) => e.action === 'staff.grant')!.target).toEqual({ openid: 'o-x', role: 'admin', digest: expect.any(String) });
  });

  test('a failing audit write never turns a refusal into an error: still FORBIDDEN, and logged', async () => {
    const { db } = fakeDb({}, { auditDown: true });
    await expect(asStaff(ctxOf(db, 'o-cust'), 'ladder.manage', 'ladder.config.update', hostile, async () => ok(1))).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(consoleError).toHaveBeenCalledWith(
      expect.stringMatching(/^AUDIT WRITE FAILED: ladder\.config\.update by o-cust \(customer\) denied, target [0-9a-f]{16}$/),
      expect.any(Error),
    );
  });
});

describe('asStaff: allowed attempts', () => {
  test('each is its own entry, with a bounded target (no operator or dotted keys, no 100 KB blob)', async () => {
    const { db, audit } = fakeDb({ 'o-admin': 'admin' });
    expect(
      await asStaff(ctxOf(db, 'o-admin'), 'ladder.manage', 'ladder.config.update', { settings: 'ladder', config: { periodDays: 90, $x: 1 } }, async () =>
        ok('saved'),
      ),
    ).toEqual({ ok: true, data: 'saved' });
    expect(await asStaff(ctxOf(db, 'o-admin'), 'ladder.manage', 'ladder.config.update', hostile, async () => ok('saved'))).toEqual({ ok: true, data: 'saved' });
    const entries = [...audit.values()];
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ outcome: 'ok', target: { settings: 'ladder', config: { periodDays: 90 } } });
    expect(entries[0].target.config).not.toHaveProperty('$x');
    expect(entries[1].target).toEqual({ settings: 'ladder', digest: expect.any(String), truncated: true });
  });

  test('a refusal by the action itself is audited as failed with its code', async () => {
    const { db, audit } = fakeDb({ 'o-admin': 'admin' });
    await asStaff(ctxOf(db, 'o-admin'), 'staff.manage', 'staff.revoke', { openid: 'o-admin' }, async () => ({
      ok: false as const,
      error: { code: 'CONFLICT' as const, message: '不能撤销自己的权限' },
    }));
    expect([...audit.values()][0]).toMatchObject({ outcome: 'failed', detail: 'CONFLICT' });
  });

  test('when the audit write fails after the change, the change’s own result is returned and the failure logged loudly', async () => {
    const { db } = fakeDb({ 'o-admin': 'admin' }, { auditDown: true });
    expect(await asStaff(ctxOf(db, 'o-admin'), 'points.adjust', 'points.adjust', { openid: 'o-m', amount: 5 }, async () => ok({ balance: 5 }))).toEqual({
      ok: true,
      data: { balance: 5 },
    });
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('AUDIT WRITE FAILED: points.adjust by o-admin (admin) ok'), expect.any(Error));
  });
});
