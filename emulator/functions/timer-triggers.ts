import { Cron } from 'croner';
import type { EmulatorClock } from '../clock';
import type { FunctionRunner } from './runner';

/**
 * WeChat timer triggers use a 7-field cron: second minute hour day month weekday year.
 * croner takes the first six; the year field is checked when a run is due.
 */
export function parseWechatCron(expr: string): { cron: Cron; year: string } {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer trigger "${expr}" must have 7 fields (second minute hour day month weekday year)`);
  const year = fields[6];
  if (!/^(\*|\d{4}(-\d{4})?(,\d{4}(-\d{4})?)*)$/.test(year)) throw new Error(`timer trigger "${expr}": unsupported year field ${year}`);
  return { cron: new Cron(fields.slice(0, 6).join(' '), { paused: true, timezone: 'Asia/Shanghai' }), year };
}

function yearMatches(field: string, date: Date): boolean {
  if (field === '*') return true;
  const y = date.getFullYear();
  return field.split(',').some((part) => {
    const [from, to] = part.split('-').map(Number);
    return to === undefined ? y === from : y >= from && y <= to;
  });
}

interface Scheduled {
  functionName: string;
  triggerName: string;
  cron: Cron;
  year: string;
  next: Date | null;
}

/**
 * Fires timer triggers on the emulator clock. When tests move the clock past a scheduled time the
 * trigger fires once (as after a short outage), then schedules from the new time.
 */
export class TimerTriggers {
  private readonly scheduled: Scheduled[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private stopped = false;
  readonly fired: Array<{ functionName: string; triggerName: string; at: string; ok: boolean; error?: string }> = [];

  constructor(
    private readonly runner: FunctionRunner,
    private readonly clock: EmulatorClock,
    private readonly log: (m: string) => void,
  ) {
    for (const fn of runner.list()) {
      for (const t of fn.config.triggers ?? []) {
        const { cron, year } = parseWechatCron(t.config);
        this.scheduled.push({ functionName: fn.name, triggerName: t.name, cron, year, next: null });
      }
    }
    this.unsubscribe = clock.onChange(() => this.tick());
    this.reschedule();
  }

  list(): Array<{ functionName: string; triggerName: string; next: string | null }> {
    return this.scheduled.map((s) => ({ functionName: s.functionName, triggerName: s.triggerName, next: s.next?.toISOString() ?? null }));
  }

  /** Runs a trigger now, as the control endpoint does. */
  async fire(functionName: string, triggerName?: string): Promise<unknown> {
    const s = this.scheduled.find((x) => x.functionName === functionName && (!triggerName || x.triggerName === triggerName));
    const name = s?.triggerName ?? triggerName ?? 'manual';
    return this.run(functionName, name);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
  }

  private async run(functionName: string, triggerName: string): Promise<unknown> {
    const at = new Date(this.clock.now());
    const event = { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString(), Message: '' };
    try {
      const { result } = await this.runner.invoke(functionName, event, { OPENID: '', SOURCE: 'wx_trigger' });
      this.fired.push({ functionName, triggerName, at: at.toISOString(), ok: true });
      return result;
    } catch (e) {
      this.fired.push({ functionName, triggerName, at: at.toISOString(), ok: false, error: (e as Error).message });
      this.log(`timer ${functionName}/${triggerName} failed: ${(e as Error).message}`);
      throw e;
    }
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    for (const s of this.scheduled) {
      if (s.next && s.next.getTime() <= now) {
        s.next = null;
        if (yearMatches(s.year, new Date(now))) this.run(s.functionName, s.triggerName).catch(() => undefined);
      }
    }
    this.reschedule();
  }

  private reschedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = new Date(this.clock.now());
    let soonest = Infinity;
    for (const s of this.scheduled) {
      if (!s.next) s.next = s.cron.nextRun(now);
      if (s.next) soonest = Math.min(soonest, s.next.getTime());
    }
    if (soonest === Infinity) return;
    // Re-check at least every minute so long sleeps follow clock changes made elsewhere.
    const delay = Math.max(0, Math.min(soonest - now.getTime(), 60_000));
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }
}
