import type { DocumentDatabase } from './db/document-database';
import type { TimerTriggers } from './functions/timer-triggers';
import type { FunctionRunner } from './functions/runner';
import { faultRuleProblem, type FaultInjector, type FaultRule } from './faults';
import { allowCors, HttpError, readJson, sendJson } from './http-util';
import type { EmulatorContext, EmulatorModule } from './types';

/**
 * /control: what tests and people use to steer the emulator — the clock, timer triggers, a
 * health check and statistics. Other modules add their own /control routes (outbox, payments).
 */
export function createControlModule(
  ctx: EmulatorContext,
  deps: {
    db: DocumentDatabase;
    runner: FunctionRunner;
    triggers: () => TimerTriggers | null;
    requestCounts: () => Record<string, number>;
    faults: FaultInjector;
  },
): EmulatorModule {
  const clockState = () => ({ now: new Date(ctx.clock.now()).toISOString(), nowMs: ctx.clock.now(), offsetMs: ctx.clock.offset() });
  return {
    name: 'control',
    async http(req, res, url) {
      const path = url.pathname;
      if (!path.startsWith('/control/')) return false;
      if (allowCors(req, res)) return true;
      const route = `${req.method} ${path}`;
      try {
        switch (route) {
          case 'GET /control/health':
            sendJson(res, 200, { ok: true, envId: ctx.envId, functions: deps.runner.list().map((f) => f.name), collections: deps.db.store.collections() });
            return true;
          case 'GET /control/clock':
            sendJson(res, 200, clockState());
            return true;
          case 'POST /control/clock': {
            const body = await readJson(req);
            if (body.reset === true) ctx.clock.reset();
            else if (body.set !== undefined) {
              const at = typeof body.set === 'number' ? body.set : Date.parse(String(body.set));
              if (!Number.isFinite(at)) throw new HttpError(400, 'set must be epoch milliseconds or an ISO date');
              ctx.clock.set(at);
            } else if (body.advanceMs !== undefined) {
              if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) throw new HttpError(400, 'advanceMs must be a number');
              ctx.clock.advance(body.advanceMs);
            } else throw new HttpError(400, 'give one of { set }, { advanceMs } or { reset: true }');
            sendJson(res, 200, clockState());
            return true;
          }
          case 'GET /control/triggers':
            sendJson(res, 200, { triggers: deps.triggers()?.list() ?? [], fired: deps.triggers()?.fired ?? [] });
            return true;
          case 'POST /control/triggers/fire': {
            const body = await readJson(req);
            if (typeof body.function !== 'string') throw new HttpError(400, 'function is required');
            const triggers = deps.triggers();
            if (!triggers) throw new HttpError(409, 'timer triggers are not running');
            const result = await triggers.fire(body.function, typeof body.trigger === 'string' ? body.trigger : undefined);
            sendJson(res, 200, { result });
            return true;
          }
          case 'GET /control/stats':
            sendJson(res, 200, {
              sqliteStatements: deps.db.store.statements,
              openTransactions: deps.db.txns.openTransactions().length,
              transactions: deps.db.txns.stats,
              functions: Object.fromEntries(deps.runner.stats),
              requests: deps.requestCounts(),
            });
            return true;
          case 'GET /control/faults':
            sendJson(res, 200, { faults: deps.faults.list(), committingWrites: deps.faults.committingWrites });
            return true;
          case 'POST /control/faults': {
            const body = await readJson(req);
            const rules = Array.isArray(body.faults) ? body.faults : [body];
            for (const rule of rules) {
              const problem = faultRuleProblem(rule);
              if (problem) throw new HttpError(400, problem);
            }
            sendJson(res, 200, { faults: rules.map((r) => deps.faults.add(r as FaultRule)) });
            return true;
          }
          case 'DELETE /control/faults':
            deps.faults.clear();
            sendJson(res, 200, { faults: [] });
            return true;
          default:
            return false;
        }
      } catch (e) {
        sendJson(res, e instanceof HttpError ? e.status : 500, { error: (e as Error).message });
        return true;
      }
    },
  };
}
