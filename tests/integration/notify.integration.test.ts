/**
 * Notifications through the emulator and the real SDK: members record opt-ins through the member
 * function, notices are queued (idempotent by key, alone or in a transaction), and the
 * `notify-send` timer of the built jobs function sends them into the emulator's outbox — once
 * each, with the configured template and the mapped data; counter opt-ins are consumed, none left
 * is `no_optin`. Sends that fail are driven in-process through the same SDK adapter wrapped in a
 * failing port: retried with backoff (the opt-in given back), permanent errors failed at once,
 * overlapping runs and a run that died after its claim still send once.
 *
 * Every test uses its own members, so each reads the outbox for them alone; the clock only moves forward.
 */
import { cloudMessages } from '../../cloudfunctions/shared/messages';
import type { MessageSender, SendResult, SubscribeMessage } from '../../core/notify/message.port';
import { DEFAULT_NOTIFY_CONFIG } from '../../core/notify/notify.config';
import { sendDueNotices } from '../../core/notify/notify.job';
import { claimNotice } from '../../core/notify/notify.repo';
import { MAX_ATTEMPTS, noticeId, retryDelayMs } from '../../core/notify/notify.rules';
import { notifySettings } from '../../core/notify/notify-settings.repo';
import { grantOptIns, queueNotice, type QueueNoticeInput } from '../../core/notify/notify.usecases';
import type { Database } from '../../core/platform/database';
import { inTransaction } from '../../core/platform/transaction';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { one } from './referrals-helpers';
import { all, sdkDb } from './rewards-helpers';

jest.setTimeout(60_000);
let p: ProductEmulator;
let db: Database;
const MINUTE = 60_000;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

let seq = 0;
const memberId = (tag: string) => `o-ntf-${tag}-${seq++}`;
const nowDate = () => new Date(p.emu.clock.now());
const OPTS = { batchSize: 50, budgetMs: 30_000 };

const member = (openid: string, event: Record<string, unknown>) => p.call('member', openid, event);
const noticeOf = (key: string) => one(p, 'notices', noticeId(key));
const countsOf = (m: string) => one(p, 'notify_optins', m)?.counts ?? {};

async function fireNotify(): Promise<any> {
  const res: any = (
    await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'notify-send', Time: nowDate().toISOString(), Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' })
  ).result;
  if (!res?.ok) throw new Error(`notify-send: ${JSON.stringify(res)}`);
  return res.data;
}

async function outbox(touser: string): Promise<any[]> {
  const res = await fetch(`${p.emu.url}/control/outbox?touser=${encodeURIComponent(touser)}`);
  return (await res.json()).messages;
}

const result = (m: string, key = `draw_result:${m}`, over: Partial<QueueNoticeInput> = {}): QueueNoticeInput =>
  ({
    key,
    memberId: m,
    kind: 'draw_result',
    fields: { title: '限量手冲壶抽签', result: '中签', hint: '请在12月3日 20:00前付款' },
    optIn: 'granted',
    ...over,
  }) as QueueNoticeInput;
const promoted = (m: string, key = `draw_promoted:${m}`, optIn: 'granted' | 'counter' = 'counter'): QueueNoticeInput => ({
  key,
  memberId: m,
  kind: 'draw_promoted',
  fields: { title: '限量手冲壶抽签', payBy: new Date('2026-12-03T12:00:00.000Z') },
  optIn,
});

/** The real SDK adapter, counting its calls, failing the first `failures` with `errcode`. */
function port(failures = 0, errcode = -1): MessageSender & { calls: SubscribeMessage[] } {
  const calls: SubscribeMessage[] = [];
  return {
    calls,
    async send(message): Promise<SendResult> {
      calls.push(message);
      if (calls.length <= failures) return { ok: false, errcode, message: `injected ${errcode}` };
      return cloudMessages.send(message);
    },
  };
}

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
});
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});

describe('member actions', () => {
  test('templates, subscribe and mine: opt-ins counted per kind, in words', async () => {
    const m = memberId('sub');
    expect(await member(m, { action: 'notifyTemplates' })).toEqual({
      ok: true,
      data: {
        templates: {
          draw_result: 'DEMO_TPL_DRAW_RESULT',
          draw_promoted: 'DEMO_TPL_DRAW_PROMOTED',
          feedback_update: 'DEMO_TPL_FEEDBACK_UPDATE',
          feedback_reply: 'DEMO_TPL_FEEDBACK_REPLY',
          feedback_resolved: 'DEMO_TPL_FEEDBACK_RESOLVED',
        },
      },
    });
    expect((await member(m, { action: 'notifyMine' })).data.subscriptions.map((s: any) => s.words)).toEqual(['未订阅', '未订阅', '未订阅', '未订阅', '未订阅']);

    const first = await member(m, { action: 'notifySubscribe', kinds: ['draw_result', 'draw_promoted'] });
    expect(first).toEqual({
      ok: true,
      data: {
        subscriptions: [
          { kind: 'draw_result', label: '抽签结果通知', remaining: 1, words: '还可接收 1 条' },
          { kind: 'draw_promoted', label: '候补转正通知', remaining: 1, words: '还可接收 1 条' },
          { kind: 'feedback_update', label: '反馈审核与进度通知', remaining: 0, words: '未订阅' },
          { kind: 'feedback_reply', label: '反馈官方回复通知', remaining: 0, words: '未订阅' },
          { kind: 'feedback_resolved', label: '关注的反馈已解决通知', remaining: 0, words: '未订阅' },
        ],
      },
    });
    // A kind named twice in one prompt is one opt-in: WeChat asked once.
    await member(m, { action: 'notifySubscribe', kinds: ['draw_result', 'draw_result'] });
    expect((await member(m, { action: 'notifyMine' })).data.subscriptions.map((s: any) => s.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(countsOf(m)).toEqual({ draw_result: 2, draw_promoted: 1 });
  });

  test('bad input changes nothing', async () => {
    const m = memberId('bad');
    for (const kinds of [[], ['shipping_update'], ['draw_result', 'draw_result', 'draw_result', 'draw_result']]) {
      expect(await member(m, { action: 'notifySubscribe', kinds })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await member(m, { action: 'notifySubscribe', kinds: ['draw_result'], memberId: 'someone-else' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(one(p, 'notify_optins', m)).toBeUndefined();
  });

  test("a new member's first opt-ins, tapped at once, are all counted (one document, created once)", async () => {
    const m = memberId('burst');
    const answers = await Promise.all(Array.from({ length: 12 }, () => member(m, { action: 'notifySubscribe', kinds: ['draw_promoted'] })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(countsOf(m)).toEqual({ draw_promoted: 12 });
    expect(all(p, 'notify_optins', { _id: m })).toHaveLength(1);
  });
});

describe('the notify-send timer', () => {
  test('a granted notice goes out once, with the template, its page, the mapped data and the member as touser', async () => {
    const m = memberId('granted');
    expect(await queueNotice(db, result(m, undefined, { page: 'packages/draws/index?drawId=draw_1' }))).toBe(true);
    expect(noticeOf(`draw_result:${m}`)).toMatchObject({ status: 'pending', attempts: 0, optIn: 'granted' });

    expect(await fireNotify()).toMatchObject({ sent: 1, more: false });
    const sent = await outbox(m);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: m,
      templateId: DEFAULT_NOTIFY_CONFIG.draw_result.templateId,
      page: 'packages/draws/index?drawId=draw_1',
      data: { thing1: { value: '限量手冲壶抽签' }, thing2: { value: '中签' }, thing3: { value: '请在12月3日 20:00前付款' } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    expect(noticeOf(`draw_result:${m}`)).toMatchObject({
      status: 'sent',
      attempts: 1,
      msgid: String(sent[0].msgid),
      templateId: 'DEMO_TPL_DRAW_RESULT',
      optInTaken: false,
    });
    // Granted: the member's counted opt-ins are not touched.
    expect(one(p, 'notify_optins', m)).toBeUndefined();

    await fireNotify();
    p.emu.clock.advance(10 * MINUTE);
    await fireNotify();
    expect(await outbox(m)).toHaveLength(1);
  });

  test('counter notices take one opt-in each; with none left the notice is no_optin, done and not retried', async () => {
    const m = memberId('counter');
    await member(m, { action: 'notifySubscribe', kinds: ['draw_promoted'] });
    await queueNotice(db, promoted(m, `draw_promoted:${m}:a`));
    await queueNotice(db, promoted(m, `draw_promoted:${m}:b`));

    expect(await fireNotify()).toMatchObject({ sent: 1, noOptIn: 1 });
    const sent = await outbox(m);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      templateId: 'DEMO_TPL_DRAW_PROMOTED',
      page: 'packages/draws/index',
      data: {
        thing1: { value: '限量手冲壶抽签' },
        phrase2: { value: '候补转正' },
        time3: { value: '2026年12月3日 20:00' },
        thing4: { value: '请在截止时间前完成付款' },
      },
    });
    expect(countsOf(m)).toEqual({ draw_promoted: 0 });
    const statuses = [noticeOf(`draw_promoted:${m}:a`), noticeOf(`draw_promoted:${m}:b`)].map((n) => n.status).sort();
    expect(statuses).toEqual(['no_optin', 'sent']);

    // A later opt-in does not revive a notice that found none.
    await member(m, { action: 'notifySubscribe', kinds: ['draw_promoted'] });
    p.emu.clock.advance(60 * MINUTE);
    await fireNotify();
    expect(await outbox(m)).toHaveLength(1);
    expect(countsOf(m)).toEqual({ draw_promoted: 1 });
  });

  test('a notice due later waits until then', async () => {
    const m = memberId('later');
    await queueNotice(db, result(m, undefined, { dueAt: new Date(nowDate().getTime() + 30 * MINUTE) }));
    await fireNotify();
    expect(await outbox(m)).toHaveLength(0);
    p.emu.clock.advance(31 * MINUTE);
    await fireNotify();
    expect(await outbox(m)).toHaveLength(1);
  });

  test('settings/notify decides the template and the default page', async () => {
    const m = memberId('config');
    const saved = await notifySettings.update(
      db,
      { ...DEFAULT_NOTIFY_CONFIG, draw_result: { templateId: 'BrandTpl-Result_01', page: 'pages/member/index' } },
      'o-ntf-admin',
    );
    expect(saved).toMatchObject({ ok: true });
    try {
      expect((await member(m, { action: 'notifyTemplates' })).data.templates.draw_result).toBe('BrandTpl-Result_01');
      await queueNotice(db, result(m));
      await fireNotify();
      expect(await outbox(m)).toEqual([expect.objectContaining({ templateId: 'BrandTpl-Result_01', page: 'pages/member/index' })]);
    } finally {
      await notifySettings.update(db, DEFAULT_NOTIFY_CONFIG, 'o-ntf-admin');
    }
  });

  test('round trips: per notice one claim, one send, one finish (a counter opt-in one more); per run a settings read and the batch reads', async () => {
    const granted = Array.from({ length: 20 }, () => memberId('trips'));
    for (const m of granted) await queueNotice(db, result(m));
    const before = { ...p.emu.requestCounts };
    const delta = () =>
      Object.fromEntries(
        Object.keys(p.emu.requestCounts)
          .map((k) => [k, p.emu.requestCounts[k] - (before[k] ?? 0)])
          .filter(([, n]) => (n as number) > 0),
      );
    expect(await fireNotify()).toMatchObject({ sent: 20 });
    // 3 reads: settings/notify, the batch, the empty batch that ends the run; 20 claims and 20 finishes.
    expect(delta()).toEqual({ 'database.getDocument': 3, 'database.modifyDocument': 40, 'openapi.subscribeMessage.send': 20 });

    const counted = Array.from({ length: 5 }, () => memberId('trips-c'));
    for (const m of counted) {
      await grantOptIns(db, m, ['draw_promoted'], nowDate());
      await queueNotice(db, promoted(m));
    }
    Object.assign(before, p.emu.requestCounts);
    expect(await fireNotify()).toMatchObject({ sent: 5 });
    expect(delta()).toEqual({ 'database.getDocument': 3, 'database.modifyDocument': 15, 'openapi.subscribeMessage.send': 5 });
  });

  test('two timer runs at once send each notice once', async () => {
    const ms = Array.from({ length: 15 }, () => memberId('overlap-fn'));
    for (const m of ms) await queueNotice(db, result(m));
    const [a, b] = await Promise.all([fireNotify(), fireNotify()]);
    expect(a.sent + b.sent).toBe(15);
    for (const m of ms) expect(await outbox(m)).toHaveLength(1);
    expect(ms.map((m) => noticeOf(`draw_result:${m}`).attempts)).toEqual(ms.map(() => 1));
  });
});

describe('queueNotice', () => {
  test('the same key is one notice: again, at once, or inside a transaction', async () => {
    const m = memberId('dup');
    const key = `draw_result:${m}`;
    expect(await queueNotice(db, result(m, key))).toBe(true);
    expect(await queueNotice(db, result(m, key))).toBe(false);
    expect(await Promise.all(Array.from({ length: 5 }, () => queueNotice(db, result(m, key))))).toEqual([false, false, false, false, false]);
    expect(await inTransaction(db, (tx) => queueNotice(tx, result(m, key)))).toBe(false);

    const racing = memberId('dup-race');
    const wins = await Promise.all(Array.from({ length: 6 }, () => queueNotice(db, result(racing))));
    expect(wins.filter(Boolean)).toHaveLength(1);

    // In a transaction, with the caller's other write: both commit together.
    const inTx = memberId('dup-tx');
    expect(
      await inTransaction(db, async (tx) => {
        await tx
          .collection('job_checkpoints')
          .doc(`ntf-test:${inTx}`)
          .set({ data: { done: true } });
        return queueNotice(tx, result(inTx));
      }),
    ).toBe(true);
    expect(one(p, 'job_checkpoints', `ntf-test:${inTx}`)).toMatchObject({ done: true });

    expect(all(p, 'notices', { memberId: m })).toHaveLength(1);
    expect(all(p, 'notices', { memberId: racing })).toHaveLength(1);
    await fireNotify();
    for (const who of [m, racing, inTx]) expect(await outbox(who)).toHaveLength(1);
  });

  test('fields that do not fit the kind are a bug, thrown, and nothing is queued', async () => {
    const m = memberId('badfields');
    await expect(
      queueNotice(db, { key: `k:${m}`, memberId: m, kind: 'draw_promoted', fields: { title: 't', result: '中签', hint: 'h' }, optIn: 'granted' } as any),
    ).rejects.toThrow(/draw_promoted/);
    await expect(queueNotice(db, result(m, `k2:${m}`, { page: '/pages/index' }))).rejects.toThrow(/page/);
    expect(all(p, 'notices', { memberId: m })).toHaveLength(0);
  });
});

describe('failures (in-process runs through the SDK adapter)', () => {
  test('a failed send is retried after a backoff, with the opt-in given back meanwhile, then sent once', async () => {
    const m = memberId('retry');
    await grantOptIns(db, m, ['draw_result'], nowDate());
    await queueNotice(db, result(m, undefined, { optIn: 'counter' }));
    const flaky = port(1);

    expect(await sendDueNotices({ db, messages: flaky }, nowDate(), OPTS)).toMatchObject({ sent: 0, retried: 1 });
    const waiting = noticeOf(`draw_result:${m}`);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: '-1 injected -1' });
    expect(new Date(waiting.nextAttemptAt).getTime()).toBeGreaterThanOrEqual(nowDate().getTime() + retryDelayMs(1) - 5_000);
    expect(countsOf(m)).toEqual({ draw_result: 1 });

    // Not due yet: nothing is tried.
    await sendDueNotices({ db, messages: flaky }, nowDate(), OPTS);
    expect(flaky.calls).toHaveLength(1);

    p.emu.clock.advance(retryDelayMs(1) + 1_000);
    expect(await sendDueNotices({ db, messages: flaky }, nowDate(), OPTS)).toMatchObject({ sent: 1 });
    expect(flaky.calls).toHaveLength(2);
    expect(await outbox(m)).toHaveLength(1);
    expect(noticeOf(`draw_result:${m}`)).toMatchObject({ status: 'sent', attempts: 2, optInTaken: true, lastError: null });
    expect(countsOf(m)).toEqual({ draw_result: 0 });
  });

  test(`a notice failing every time is failed after ${MAX_ATTEMPTS} attempts, its opt-in given back`, async () => {
    const m = memberId('giveup');
    await grantOptIns(db, m, ['draw_result'], nowDate());
    await queueNotice(db, result(m, undefined, { optIn: 'counter' }));
    const down = port(100);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await sendDueNotices({ db, messages: down }, nowDate(), OPTS);
      expect(noticeOf(`draw_result:${m}`)).toMatchObject({ attempts: i, status: i < MAX_ATTEMPTS ? 'pending' : 'failed' });
      p.emu.clock.advance(retryDelayMs(i) + 1_000);
    }
    await sendDueNotices({ db, messages: down }, nowDate(), OPTS);
    expect(down.calls.filter((c) => c.touser === m)).toHaveLength(MAX_ATTEMPTS);
    expect(countsOf(m)).toEqual({ draw_result: 1 });
  });

  test('bad data or template (47003, 40037) fails at once; no subscription at WeChat (43101) is no_optin and uses the opt-in', async () => {
    const cases = [
      { errcode: 47003, status: 'failed', counts: 1 },
      { errcode: 40037, status: 'failed', counts: 1 },
      { errcode: 43101, status: 'no_optin', counts: 0 },
    ];
    for (const c of cases) {
      const m = memberId(`err${c.errcode}`);
      await grantOptIns(db, m, ['draw_result'], nowDate());
      await queueNotice(db, result(m, undefined, { optIn: 'counter' }));
      const refusing = port(100, c.errcode);
      await sendDueNotices({ db, messages: refusing }, nowDate(), OPTS);
      expect({ errcode: c.errcode, notice: noticeOf(`draw_result:${m}`), counts: countsOf(m) }).toMatchObject({
        errcode: c.errcode,
        notice: { status: c.status, attempts: 1, lastError: `${c.errcode} injected ${c.errcode}` },
        counts: { draw_result: c.counts },
      });
      p.emu.clock.advance(60 * MINUTE);
      await sendDueNotices({ db, messages: refusing }, nowDate(), OPTS);
      expect(refusing.calls.filter((x) => x.touser === m)).toHaveLength(1);
    }
  });

  test('overlapping runs: a run that reads notices another has claimed skips them; each is sent once', async () => {
    const ms = Array.from({ length: 10 }, () => memberId('overlap'));
    for (const m of ms) await queueNotice(db, result(m));
    const runB = port();
    let bRun: Promise<unknown> | null = null;
    // Run A pauses in its first send while run B works through everything it can claim.
    const runA: MessageSender & { calls: SubscribeMessage[] } = {
      calls: [],
      async send(message) {
        runA.calls.push(message);
        if (runA.calls.length === 1) {
          bRun = sendDueNotices({ db, messages: runB }, nowDate(), OPTS);
          await bRun;
        }
        return cloudMessages.send(message);
      },
    };
    const a = await sendDueNotices({ db, messages: runA }, nowDate(), OPTS);
    const b: any = await bRun;
    const mine = (calls: SubscribeMessage[]) => calls.filter((c) => ms.includes(c.touser)).length;
    expect(mine(runA.calls) + mine(runB.calls)).toBe(10);
    expect(mine(runA.calls)).toBe(1);
    expect(a.skipped + b.skipped).toBeGreaterThanOrEqual(9);
    for (const m of ms) expect(await outbox(m)).toHaveLength(1);
  });

  test('a claim whose run died is taken over once its lease has passed, and sent once', async () => {
    const m = memberId('lease');
    await queueNotice(db, result(m));
    const seen = noticeOf(`draw_result:${m}`);
    // The run that claimed it died before sending.
    expect(await claimNotice(db, seen, nowDate(), new Date(nowDate().getTime() + 2 * MINUTE))).toBe(true);
    expect(await claimNotice(db, seen, nowDate(), new Date(nowDate().getTime() + 2 * MINUTE))).toBe(false);

    await fireNotify();
    expect(await outbox(m)).toHaveLength(0);
    p.emu.clock.advance(2 * MINUTE + 1_000);
    await fireNotify();
    await fireNotify();
    expect(await outbox(m)).toHaveLength(1);
    expect(noticeOf(`draw_result:${m}`)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
