/**
 * The mini-program's timers, on a virtual clock. The harness fires them in order when the app is
 * otherwise idle (no cloud call or payment in flight), so a run never sleeps: a 1 s poll between
 * two reads of an order costs nothing, and the order of events is the same on every run.
 */
interface Timer {
  id: number;
  at: number;
  fn: (...args: unknown[]) => void;
  args: unknown[];
  every: number | null;
}

export class VirtualTimers {
  private nextId = 1;
  private timers = new Map<number, Timer>();
  /** Virtual milliseconds since the app started. */
  now = 0;

  constructor(private readonly onError: (error: unknown, where: string) => void) {}

  setTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]): number => this.add(fn, ms, args, false);
  setInterval = (fn: unknown, ms?: unknown, ...args: unknown[]): number => this.add(fn, ms, args, true);
  clearTimeout = (id: unknown): void => {
    this.timers.delete(Number(id));
  };
  clearInterval = this.clearTimeout;

  get pending(): number {
    return this.timers.size;
  }

  /** The timer that fires next (earliest time, then the order they were set in). */
  peek(): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers.values()) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }

  /** Fires the next timer, moving the clock to its time. */
  fireNext(): boolean {
    const t = this.peek();
    if (!t) return false;
    this.now = Math.max(this.now, t.at);
    if (t.every === null) this.timers.delete(t.id);
    else t.at = this.now + t.every;
    try {
      t.fn(...t.args);
    } catch (error) {
      this.onError(error, `timer ${t.id}`);
    }
    return true;
  }

  clearAll(): void {
    this.timers.clear();
  }

  private add(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval needs a function (WeChat does not evaluate strings)');
    const delay = Math.max(0, Number(ms) || 0);
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + delay, fn: fn as Timer['fn'], args, every: repeat ? Math.max(1, delay) : null });
    return id;
  }
}
