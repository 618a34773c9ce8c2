import { z } from 'zod';
import type { Database } from './database';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { eventBoundsProblem } from './event-bounds';
import { fail, type Result } from './result';

// Validation messages reach members' screens: say them in Chinese (one locale, not all of them).
z.config(zhCN());

export interface Caller {
  openid: string;
  appid: string;
  unionid?: string;
  source?: string;
}

export interface ActionContext {
  caller: Caller;
  db: Database;
}

export interface ActionDef<S extends z.ZodTypeAny, T> {
  input: S;
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<Result<T, string>>;
}

/** Declares one action of a function; the type of its input flows from the schema. */
export function action<S extends z.ZodTypeAny, T>(input: S, run: ActionDef<S, T>['run']): ActionDef<S, T> {
  return { input, run };
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table holds actions of every input and result: with
   `unknown` no action would fit (run's parameter is checked contravariantly); each action keeps its own types. */
export type ActionTable = Record<string, ActionDef<any, any>>;

export interface Logger {
  error(message: string, error?: unknown): void;
}

/**
 * The event's size, depth and keys (see event-bounds.ts), as the refusal a caller reads. Checked
 * before anything else touches the event: no schema, action or audit line sees an event over 64 KiB,
 * nested deeper than 20, or with a `$` or dotted key anywhere.
 */
export function refuseOutOfBounds(event: unknown): Result<never, 'VALIDATION_FAILED'> | null {
  const problem = eventBoundsProblem(event);
  if (!problem) return null;
  return fail('VALIDATION_FAILED', problem.message, problem.kind === 'key' ? [{ path: problem.path, message: problem.message }] : undefined);
}

/**
 * The body of every cloud function entry: bound the event, validate it against the action's
 * schema, route, and turn a bug into an INTERNAL result (logged) instead of a WeChat-level failure
 * the client cannot read. Identity comes only from the WeChat context, never from the event.
 */
export async function route(table: ActionTable, event: unknown, ctx: ActionContext, log: Logger = console): Promise<Result<unknown, string>> {
  if (!ctx.caller.openid) return fail('UNAUTHENTICATED', '无法识别你的身份，请在微信中重新打开小程序');
  const outOfBounds = refuseOutOfBounds(event);
  if (outOfBounds) return outOfBounds;
  const name = event && typeof event === 'object' ? (event as { action?: unknown }).action : undefined;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) {
    return fail('UNKNOWN_ACTION', `不支持的操作：${typeof name === 'string' ? clip(name, 64) : '(缺少 action)'}`);
  }
  const def = table[name];
  const { action: _action, userInfo: _userInfo, ...payload } = event as Record<string, unknown>;
  try {
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) return validationFailed(parsed.error.issues);
    return await def.run(ctx, parsed.data);
  } catch (e) {
    log.error(`action ${name} failed`, e);
    return fail('INTERNAL', '服务暂时不可用，请稍后重试');
  }
}

/** At most this many issues are reported: an event with 5,000 bad keys gets a short answer, not an echo. */
const MAX_REPORTED_ISSUES = 20;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function validationFailed(issues: z.core.$ZodIssue[]): Result<never, 'VALIDATION_FAILED'> {
  const details = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => ({ path: clip(i.path.join('.'), 80), message: clip(i.message, 200) }));
  const more = issues.length > MAX_REPORTED_ISSUES ? `；另有 ${issues.length - MAX_REPORTED_ISSUES} 处问题` : '';
  return fail('VALIDATION_FAILED', `输入有误：${details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join('；')}${more}`, details);
}

/** What a scheduled job receives: the database, and the trigger that fired it. No caller: timers have none. */
export interface JobContext {
  db: Database;
  trigger: { name: string; time: string | null };
}

export type JobTable = Record<string, (ctx: JobContext) => Promise<Result<unknown, string>>>;

/** The event WeChat sends a function when one of its config.json timer triggers fires. */
export function isTimerEvent(event: unknown): event is { Type: 'Timer'; TriggerName: string; Time?: string } {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return !!e && typeof e === 'object' && e.Type === 'Timer' && typeof e.TriggerName === 'string' && e.TriggerName.length > 0;
}

/**
 * The body of a jobs function entry: runs the job named by a timer's trigger. A mini-program call
 * always carries the caller's OPENID and a timer never does, so any call with an OPENID — or any
 * event that is not a timer's — is refused; a client cannot start a job by forging a Timer event.
 */
export async function routeTimer(
  jobs: JobTable,
  event: unknown,
  ctx: { caller: Caller; db: Database },
  log: Logger = console,
): Promise<Result<unknown, string>> {
  if (ctx.caller.openid || !isTimerEvent(event)) return fail('FORBIDDEN', '定时任务只能由系统触发');
  const outOfBounds = refuseOutOfBounds(event);
  if (outOfBounds) return outOfBounds;
  const name = event.TriggerName;
  if (!Object.prototype.hasOwnProperty.call(jobs, name)) return fail('UNKNOWN_ACTION', `未知的定时任务：${name}`);
  try {
    return await jobs[name]({ db: ctx.db, trigger: { name, time: typeof event.Time === 'string' ? event.Time : null } });
  } catch (e) {
    log.error(`job ${name} failed`, e);
    return fail('INTERNAL', '定时任务执行失败');
  }
}
