import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EmulatorContext, MediaCheckDelivery } from '../types';
import { HttpError } from './http-json';
import { loadJsonFile, saveJsonFile } from './json-file';
import type { Suggest } from './security/labels';

/**
 * Image checks in flight and their verdicts' delivery, standing in for WeChat's asynchronous
 * security.mediaCheckAsync: the verdict is pushed later, as a `wxa_media_check` event, to the
 * function configured for message pushes (消息推送), invoked as the system (no OPENID).
 */

export type MediaCheckStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'kept';

export interface DeliveryAttempt {
  /** Emulator clock, ISO. */
  at: string;
  ok: boolean;
  /** What the function returned (WeChat's callers answer "success"). */
  reply?: unknown;
  error?: string;
}

export interface MediaCheckRecord {
  traceId: string;
  openid: string;
  mediaUrl: string;
  mediaType: 1 | 2;
  scene: number;
  /** The file id when the URL is one of this emulator's storage URLs, else null. */
  fileId: string | null;
  /** How the verdict was reached: a rule for this media, the forced queue, the default, or a failed download. */
  decidedBy: 'forced-match' | 'forced-next' | 'default' | 'download-failed';
  /** The push's errcode: 0, or -1008 when the media could not be downloaded (then no result). */
  errcode: number;
  result: { suggest: Suggest; label: number | string } | null;
  /** Emulator clock, ISO. */
  requestedAt: string;
  status: MediaCheckStatus;
  /** The function the verdict went (or goes) to. */
  deliveredTo: string | null;
  /** The event as pushed; built at the first attempt (CreateTime is then), resent unchanged on retries. */
  event: Record<string, unknown> | null;
  attempts: DeliveryAttempt[];
}

export interface DeliveryOutcome {
  traceId: string;
  status: MediaCheckStatus;
  attempts: DeliveryAttempt[];
}

/** WeChat retries a push that fails three times. */
export const MAX_DELIVERY_ATTEMPTS = 4;
const MAX_RECORDS = 2000;

/** The mini-program's original id (gh_…), stable for an app id; WeChat puts it in ToUserName. */
export function originalIdFor(appId: string): string {
  return `gh_${createHash('sha256').update(appId).digest('hex').slice(0, 12)}`;
}

export class MediaChecks {
  private records: MediaCheckRecord[];
  private readonly file: string | null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<DeliveryOutcome>>();
  private closed = false;
  delivery: MediaCheckDelivery;
  push: { function: string } | null;

  constructor(private readonly ctx: EmulatorContext) {
    this.file = ctx.dataDir ? join(ctx.dataDir, 'openapi', 'media-checks.json') : null;
    this.records = this.file ? loadJsonFile<MediaCheckRecord[]>(this.file, []) : [];
    this.delivery = { ...ctx.mediaCheckDelivery };
    this.push = ctx.messagePush ? { ...ctx.messagePush } : null;
    // A restart interrupted these: they go out again as WeChat's retries would.
    for (const r of this.records) if (r.status === 'delivering') r.status = 'pending';
    for (const r of this.records) if (r.status === 'pending' || r.status === 'kept') this.schedule(r);
  }

  add(record: Omit<MediaCheckRecord, 'status' | 'deliveredTo' | 'event' | 'attempts'>): MediaCheckRecord {
    const full: MediaCheckRecord = { ...record, status: 'pending', deliveredTo: null, event: null, attempts: [] };
    this.records.push(full);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    this.schedule(full);
    this.save();
    return full;
  }

  /** Newest first; optionally by status, openid or trace id. */
  list(filter: { status?: string; openid?: string; traceId?: string } = {}): MediaCheckRecord[] {
    return this.records
      .filter(
        (r) =>
          (!filter.status || r.status === filter.status) && (!filter.openid || r.openid === filter.openid) && (!filter.traceId || r.traceId === filter.traceId),
      )
      .reverse()
      .map((r) => structuredClone(r));
  }

  get(traceId: string): MediaCheckRecord | null {
    const r = this.records.find((x) => x.traceId === traceId);
    return r ? structuredClone(r) : null;
  }

  settings(): { mode: MediaCheckDelivery['mode']; delayMs: number; messagePush: { function: string } | null } {
    return { mode: this.delivery.mode, delayMs: this.delivery.delayMs, messagePush: this.push ? { ...this.push } : null };
  }

  /** 'manual' holds every verdict until deliver(); 'auto' sends the waiting ones after the delay. */
  setDelivery(input: Record<string, unknown>): void {
    const { mode, delayMs } = input;
    if (mode !== undefined && mode !== 'auto' && mode !== 'manual') throw new HttpError(400, "mode must be 'auto' or 'manual'");
    if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0 || delayMs > 3_600_000)) {
      throw new HttpError(400, 'delayMs must be a number of milliseconds from 0 to 3600000');
    }
    if (mode === undefined && delayMs === undefined) throw new HttpError(400, 'give mode and/or delayMs');
    this.delivery = {
      mode: (mode as MediaCheckDelivery['mode'] | undefined) ?? this.delivery.mode,
      delayMs: (delayMs as number | undefined) ?? this.delivery.delayMs,
    };
    this.rescheduleAll();
  }

  /** Which function receives pushes (null: none; verdicts are then kept, not delivered). */
  setPush(input: Record<string, unknown>): void {
    const fn = input.function;
    if (fn !== null && (typeof fn !== 'string' || fn === '')) throw new HttpError(400, 'function must name a function, or be null');
    this.push = fn === null ? null : { function: fn as string };
    this.rescheduleAll();
    this.save();
  }

  /**
   * Delivers now the waiting verdicts (all, or those of `traceIds`), each with its retries, and
   * answers once they are done. A verdict already being delivered is awaited, not sent twice.
   */
  async deliver(traceIds?: readonly string[]): Promise<DeliveryOutcome[]> {
    if (!this.push)
      throw new HttpError(
        409,
        'no message push function is configured (emulator option messagePush, --message-push <fn>, or POST /control/openapi/message-push)',
      );
    let chosen: MediaCheckRecord[];
    if (traceIds) {
      chosen = traceIds.map((id) => {
        const r = this.records.find((x) => x.traceId === id);
        if (!r) throw new HttpError(404, `no media check with trace_id ${id}`);
        if (r.status !== 'pending' && r.status !== 'delivering') throw new HttpError(409, `media check ${id} is ${r.status}, not pending`);
        return r;
      });
    } else {
      chosen = this.records.filter((r) => r.status === 'pending' || r.status === 'delivering');
    }
    return Promise.all(chosen.map((r) => this.deliverOne(r)));
  }

  /** Forgets every check (waiting ones are not delivered). */
  clear(): number {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const n = this.records.length;
    this.records = [];
    this.save();
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private schedule(r: MediaCheckRecord): void {
    if (this.closed || (r.status !== 'pending' && r.status !== 'kept')) return;
    if (!this.push) {
      if (r.status !== 'kept') {
        r.status = 'kept';
        this.ctx.log(`media check ${r.traceId}: verdict kept, not delivered: no message push function is configured (--message-push <fn>)`);
      }
      return;
    }
    r.status = 'pending';
    if (this.delivery.mode !== 'auto' || this.timers.has(r.traceId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(r.traceId);
      if (r.status === 'pending') void this.deliverOne(r);
    }, this.delivery.delayMs);
    timer.unref();
    this.timers.set(r.traceId, timer);
  }

  private rescheduleAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const r of this.records) this.schedule(r);
  }

  private deliverOne(r: MediaCheckRecord): Promise<DeliveryOutcome> {
    const running = this.inFlight.get(r.traceId);
    if (running) return running;
    const timer = this.timers.get(r.traceId);
    if (timer) clearTimeout(timer);
    this.timers.delete(r.traceId);
    const run = this.attempt(r).finally(() => this.inFlight.delete(r.traceId));
    this.inFlight.set(r.traceId, run);
    return run;
  }

  private async attempt(r: MediaCheckRecord): Promise<DeliveryOutcome> {
    const target = this.push!.function;
    r.status = 'delivering';
    r.deliveredTo = target;
    r.event ??= this.eventFor(r);
    for (let n = 1; n <= MAX_DELIVERY_ATTEMPTS; n++) {
      const at = new Date(this.ctx.clock.now()).toISOString();
      try {
        // As the system: WeChat's push carries the user in FromUserName, not in the caller's context.
        const { result } = await this.ctx.invokeFunction(target, r.event, { OPENID: '', APPID: this.ctx.appId, SOURCE: 'wx_unknown' });
        r.attempts.push({ at, ok: true, reply: result });
        if (result !== 'success' && result !== '' && result !== null) {
          this.ctx.log(`message push wxa_media_check ${r.traceId}: ${target} answered ${JSON.stringify(result).slice(0, 80)}; WeChat expects "success"`);
        }
        r.status = 'delivered';
        break;
      } catch (err) {
        const message = (err as Error).message.split('\n')[0];
        r.attempts.push({ at, ok: false, error: message });
        const last = n === MAX_DELIVERY_ATTEMPTS || this.closed;
        this.ctx.log(
          `message push wxa_media_check ${r.traceId} to ${target} failed (attempt ${n} of ${MAX_DELIVERY_ATTEMPTS}): ${message}${last ? '; giving up' : '; retrying'}`,
        );
        if (last) {
          r.status = 'failed';
          break;
        }
      }
    }
    this.save();
    return { traceId: r.traceId, status: r.status, attempts: structuredClone(r.attempts) };
  }

  /** The `wxa_media_check` event as WeChat pushes it (v2). */
  private eventFor(r: MediaCheckRecord): Record<string, unknown> {
    const head = {
      ToUserName: originalIdFor(this.ctx.appId),
      FromUserName: r.openid,
      CreateTime: Math.floor(this.ctx.clock.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.ctx.appId,
      trace_id: r.traceId,
      version: 2,
    };
    if (!r.result) {
      return { ...head, detail: [{ strategy: 'content_model', errcode: r.errcode }], errcode: r.errcode, errmsg: 'media url can not be downloaded' };
    }
    const { suggest, label } = r.result;
    return {
      ...head,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    };
  }

  private save(): void {
    if (this.file) saveJsonFile(this.file, this.records);
  }
}
