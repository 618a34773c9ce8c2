/**
 * Proof 1: the authorization matrix. Every action of every function (read from the functions' own
 * action tables) × {new customer who never opened the app, member, moderator, admin}, through the
 * built functions and the real SDK. Every answer is the typed envelope; staff actions refuse whoever
 * lacks the permission (core/staff/staff.rules.ts decides who holds it) with FORBIDDEN, writing
 * nothing but the audit line; the system functions (jobs, payment) refuse every client and change
 * nothing.
 */
// The router loads zod's zh-CN locale by its ESM path (what the bundler keeps); jest runs CommonJS.

import { z } from 'zod';
import type { Role } from '../../core/members/member.rules';
import { can } from '../../core/staff/staff.rules';
import {
  ACCESS,
  CHINESE,
  CLIENT_TABLES,
  EXAMPLE_GRANTEE,
  EXAMPLE_MEMBER,
  JOB_TRIGGERS,
  SYSTEM_FUNCTIONS,
  VALID_INPUT,
  clientActions,
  deployedFunctions,
  isEnvelope,
} from './action-tables';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { watchWrites, type WriteWatch } from './write-watch';

const ADMIN = 'o-mx-admin';
const MODERATOR = 'o-mx-mod';
const MEMBER = 'o-mx-member';

interface Caller {
  name: string;
  role: Role;
  openid: (cell: string) => string;
}

const CALLERS: Caller[] = [
  // A fresh person for every cell: never opened the app, not even through an earlier cell.
  { name: 'new customer', role: 'customer', openid: (cell) => `o-mx-new-${cell.replace('.', '-')}` },
  { name: 'member', role: 'customer', openid: () => MEMBER },
  { name: 'moderator', role: 'moderator', openid: () => MODERATOR },
  { name: 'admin', role: 'admin', openid: () => ADMIN },
];

let p: ProductEmulator;
let watch: WriteWatch;
const started = Date.now();

beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: ADMIN });
  for (const who of [ADMIN, MODERATOR, MEMBER, EXAMPLE_MEMBER, EXAMPLE_GRANTEE])
    expect(await p.call('member', who, { action: 'open' })).toMatchObject({ ok: true });
  for (const who of [MEMBER, EXAMPLE_MEMBER]) expect(await p.call('member', who, { action: 'join', agreeTerms: true })).toMatchObject({ ok: true });
  expect(await p.call('admin', ADMIN, { action: 'grantRole', openid: MODERATOR, role: 'moderator' })).toMatchObject({ ok: true });
  watch = watchWrites(p);
});
afterAll(async () => {
  watch.stop();
  await p.emu.close();
  console.log(
    `authz matrix: ${clientActions().length} actions × ${CALLERS.length} callers, ${JOB_TRIGGERS.length} jobs and payment, in ${Date.now() - started} ms`,
  );
});

/** A regex that can only match a bounded length: anchored, and no +, * or open {n,} outside a class. */
function boundedPattern(pattern: string): boolean {
  const outsideClasses = pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'c');
  return pattern.startsWith('^') && pattern.endsWith('$') && !/[+*]|\{\d+,\}/.test(outsideClasses);
}

/** Where a JSON schema (from an action's zod input) lets through something free-form or unbounded. */
function unboundedParts(schema: any, path: string): string[] {
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((s: any) => unboundedParts(s, path));
  switch (schema.type) {
    case 'object': {
      const open = schema.additionalProperties !== false || schema.propertyNames || schema.patternProperties ? [`${path}: open object`] : [];
      return open.concat(Object.entries(schema.properties ?? {}).flatMap(([k, s]) => unboundedParts(s, `${path}.${k}`)));
    }
    case 'array':
      return (schema.maxItems === undefined ? [`${path}: list without maxItems`] : []).concat(unboundedParts(schema.items ?? {}, `${path}[]`));
    case 'string':
      return schema.maxLength !== undefined || schema.enum || schema.const !== undefined || schema.format || (schema.pattern && boundedPattern(schema.pattern))
        ? []
        : [`${path}: string without maxLength`];
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return [];
    default:
      return [`${path}: any value (${JSON.stringify(schema).slice(0, 60)})`];
  }
}

describe('the matrix covers everything', () => {
  test('every deployed function is either a client function with a table here, or a system function', () => {
    expect(deployedFunctions()).toEqual([...Object.keys(CLIENT_TABLES), ...SYSTEM_FUNCTIONS].sort());
  });

  test('every action has an access entry and a valid input, and nothing stale does', () => {
    const actions = clientActions()
      .map((a) => a.key)
      .sort();
    expect(Object.keys(ACCESS).sort()).toEqual(actions);
    expect(Object.keys(VALID_INPUT).sort()).toEqual(actions);
  });

  test('every input is closed and bounded: no free-form record, no unknown, no unbounded string or list', () => {
    const problems = clientActions().flatMap(({ fn, action, key }) => {
      const schema = (CLIENT_TABLES[fn] as Record<string, { input: z.ZodTypeAny }>)[action].input;
      return unboundedParts(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), key);
    });
    expect(problems).toEqual([]);
  });

  test('the staff area has no action open to anyone, and no other function has a staff action', () => {
    for (const { fn, key } of clientActions()) expect({ key, staffOnly: ACCESS[key] !== 'anyone' }).toEqual({ key, staffOnly: fn === 'admin' });
  });
});

describe.each(clientActions())('$key', ({ fn, action, key }) => {
  test.each(CALLERS)('as $name', async (caller) => {
    watch.take();
    const res = await p.call(fn, caller.openid(key), { action, ...VALID_INPUT[key] });
    const { writes, audit } = watch.take();
    expect(isEnvelope(res)).toBe(true);
    // The inputs are valid: whatever the answer, it comes from the action, not the entry.
    expect(['INTERNAL', 'VALIDATION_FAILED', 'UNKNOWN_ACTION', 'UNAUTHENTICATED']).not.toContain(res.ok ? null : res.error.code);
    if (!res.ok) expect(res.error.message).toMatch(CHINESE);
    const access = ACCESS[key];
    if (access === 'anyone' || can(caller.role, access)) {
      expect(res.ok ? null : res.error.code).not.toBe('FORBIDDEN');
      return;
    }
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } });
    // A refusal writes its audit line (one document per caller, action and window) and nothing else.
    expect(writes).toEqual([]);
    expect(audit).toBe(1);
  });
});

describe('system functions refuse every client and change nothing', () => {
  const clients = CALLERS.map((c) => [c.name, c.openid('system')] as const);

  test.each(JOB_TRIGGERS)('jobs: %s', async (trigger) => {
    for (const [name, openid] of clients) {
      for (const event of [{ Type: 'Timer', TriggerName: trigger }, { action: trigger }]) {
        watch.take();
        const res = await p.call('jobs', openid, event);
        expect({ name, event, res }).toEqual({ name, event, res: { ok: false, error: { code: 'FORBIDDEN', message: '定时任务只能由系统触发' } } });
        expect(watch.take()).toEqual({ writes: [], audit: 0 });
      }
    }
  });

  test('payment: an event beyond the bounds is refused before anything reads it, even without an OPENID', async () => {
    let deep: unknown = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o-none', transactionId: 'tx', totalFee: 1 };
    for (let i = 0; i < 30; i++) deep = { reqInfo: deep };
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const event of [
        deep,
        { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o-none', transactionId: 'tx', totalFee: 1, $where: 1 },
        { returnCode: 'x'.repeat(70_000) },
      ]) {
        watch.take();
        expect((await p.emu.invoke('payment', event, { OPENID: '', SOURCE: 'wx_cloud' })).result).toEqual({ errcode: 0, errmsg: 'REFUSED' });
        expect(watch.take()).toEqual({ writes: [], audit: 0 });
      }
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/^payment notification refused: (depth|key|size) out of bounds$/));
    } finally {
      error.mockRestore();
    }
  });

  test('payment: forged payment and refund notifications from a client', async () => {
    const forgeries = [
      { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o-none', transactionId: 'tx-forged', totalFee: 1 },
      { returnCode: 'SUCCESS', reqInfo: { outTradeNo: 'o-none', outRefundNo: 'rf-none', refundStatus: 'SUCCESS', refundFee: 1 } },
    ];
    for (const [name, openid] of clients) {
      for (const event of forgeries) {
        watch.take();
        const res = await p.call('payment', openid, event);
        expect({ name, res }).toEqual({ name, res: { errcode: 403, errmsg: expect.any(String) } });
        expect(watch.take()).toEqual({ writes: [], audit: 0 });
      }
    }
  });
});
