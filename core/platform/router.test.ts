import { z } from 'zod';

// The router loads zod's zh-CN locale by its ESM path (what the bundler keeps); jest runs CommonJS.
import type { Database } from './database';
import { ok } from './result';
import { action, route, routeTimer, type ActionContext, type JobTable } from './router';

const db = {} as Database;
const member: ActionContext = { caller: { openid: 'o-member', appid: 'wx1' }, db };
const silent = { error: jest.fn() };

function deep(levels: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

/** A table whose actions record that they ran; `free` takes any record, as the old config inputs did. */
function table() {
  const ran: string[] = [];
  const parsed: string[] = [];
  const spy = <S extends z.ZodTypeAny>(name: string, schema: S) =>
    action(
      schema.transform((v: unknown) => {
        parsed.push(name);
        return v;
      }),
      async () => {
        ran.push(name);
        return ok({ name });
      },
    );
  return {
    ran,
    parsed,
    actions: {
      free: spy('free', z.object({ config: z.record(z.string(), z.unknown()) }).strict()),
      strict: spy('strict', z.object({ name: z.string().max(10) }).strict()),
      boom: action(z.object({}).strict(), async () => {
        throw new Error('bug');
      }),
    },
  };
}

describe('route: bounds before anything else', () => {
  test.each<[string, unknown, string]>([
    ['2,000 levels deep', { action: 'free', config: deep(2_000) }, '请求内容嵌套过深（超过 20 层）'],
    ['200,000 levels deep', { action: 'free', config: deep(200_000) }, '请求内容嵌套过深（超过 20 层）'],
    ['1 MiB', { action: 'free', config: { blob: 'x'.repeat(1 << 20) } }, '请求内容过大（超过 64 KB），请精简后重试'],
    ['a $ key', { action: 'free', config: { $set: { role: 'admin' } } }, '输入有误：字段名不能以 $ 开头，也不能包含“.”'],
    ['a dotted key', { action: 'free', config: { 'staff.role': 'admin' } }, '输入有误：字段名不能以 $ 开头，也不能包含“.”'],
    ['an unknown action, 2,000 deep', { action: 'nope', x: deep(2_000) }, '请求内容嵌套过深（超过 20 层）'],
  ])('%s: VALIDATION_FAILED, and no schema or action ran', async (_name, event, message) => {
    const t = table();
    const res = await route(t.actions, event, member, silent);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message } });
    expect(t.parsed).toEqual([]);
    expect(t.ran).toEqual([]);
  });

  test('the offending key is named in the details', async () => {
    const res = await route(table().actions, { action: 'free', config: { list: [{ $inc: 1 }] } }, member, silent);
    expect(res).toMatchObject({ ok: false, error: { details: [{ path: 'config.list[0].$inc' }] } });
  });

  test('within bounds, the schema and the action run as before', async () => {
    const t = table();
    expect(await route(t.actions, { action: 'free', config: deep(18), userInfo: { openId: 'o-member' } }, member, silent)).toEqual({
      ok: true,
      data: { name: 'free' },
    });
    expect(t.ran).toEqual(['free']);
  });

  test('no caller: UNAUTHENTICATED comes first', async () => {
    expect(await route(table().actions, { action: 'free', config: deep(2_000) }, { ...member, caller: { openid: '', appid: '' } }, silent)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('route: answers stay short', () => {
  test('an unknown action name is cut in the message', async () => {
    const res = await route(table().actions, { action: 'x'.repeat(5_000) }, member, silent);
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    if (!res.ok) expect(res.error.message.length).toBeLessThan(100);
  });

  test('thousands of bad keys give at most 20 details and a count of the rest', async () => {
    const event: Record<string, unknown> = { action: 'strict', name: 'ok' };
    for (let i = 0; i < 3_000; i++) event[`k${i}`] = i;
    const res = await route(table().actions, event, member, silent);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION_FAILED');
    expect(res.error.details!.length).toBeLessThanOrEqual(20);
    expect(res.error.message.length).toBeLessThan(5_000);
  });

  test('a bug in an action is INTERNAL, logged', async () => {
    const log = { error: jest.fn() };
    expect(await route(table().actions, { action: 'boom' }, member, log)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' },
    });
    expect(log.error).toHaveBeenCalledWith('action boom failed', expect.any(Error));
  });
});

describe('routeTimer: bounds too', () => {
  const jobs: JobTable = { nightly: jest.fn(async () => ok('done')) };
  const system = { caller: { openid: '', appid: '' }, db };

  test('a timer event out of bounds is refused before the job runs', async () => {
    expect(await routeTimer(jobs, { Type: 'Timer', TriggerName: 'nightly', extra: deep(2_000) }, system, silent)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(jobs.nightly).not.toHaveBeenCalled();
    expect(await routeTimer(jobs, { Type: 'Timer', TriggerName: 'nightly', Time: '2025-01-01T00:00:00Z' }, system, silent)).toEqual({ ok: true, data: 'done' });
  });

  test('a client is FORBIDDEN whatever it sends', async () => {
    expect(
      await routeTimer(jobs, { Type: 'Timer', TriggerName: 'nightly', extra: deep(2_000) }, { ...system, caller: { openid: 'o-member', appid: '' } }, silent),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
