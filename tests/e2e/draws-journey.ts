import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { byTestId, settled, signInAs, visible, fire, open, type World } from './harness';
import type { Journey } from './journeys';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Doc = Record<string, unknown>;

/** 'YYYY-MM-DD HH:mm' in this machine's time zone, which the browser shares: what staff type. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]:visible input, input[data-testid="${testId}"]:visible`).first().fill(value);
}

const entriesOf = (world: World, drawId: string) => world.emu.db.find({ collection: 'draw_entries', query: { drawId }, limit: 100 }) as Doc[];
const orderOf = (world: World, orderId: unknown) => world.emu.db.find({ collection: 'orders', query: { _id: orderId }, limit: 1 })[0] as Doc | undefined;

/** A member's phone on the draw's page. */
async function onDraw(world: World, page: Page, drawId: string): Promise<void> {
  await open(world, page, `packages/draws/detail?id=${drawId}`);
  await visible(page, 'draw-detail').waitFor();
}

export const drawsJourney: Journey = {
  name: 'a limited-release draw: staff create it; members enter (opting in to the result message on the stand-in sheet), one is refused in words; after the draw the verify page recomputes the same winners, a winner pays at the member price, a forfeit promotes the waitlist',
  async run(world) {
    const contexts: BrowserContext[] = [];
    const phone = async (persona: string) => {
      const context = await world.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(world, page, persona);
      return page;
    };
    const newMember = async () => {
      const context = await world.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${world.emu.url}/`);
      await byTestId(page, 'new-visitor-button').click();
      await byTestId(page, 'member-entry').click();
      await byTestId(page, 'join-button').waitFor({ state: 'visible' });
      await byTestId(page, 'terms-checkbox').click();
      await byTestId(page, 'join-button').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('未购会员'));
      return page;
    };

    // Staff: the admin creates a draw of the hand-made mug for 已购会员 and up, 2 units, 1 on the waitlist.
    const admin = await phone('admin');
    await byTestId(admin, 'admin-entry').click();
    await byTestId(admin, 'admin-tool-draws').click();
    await visible(admin, 'admin-draws-page').waitFor();
    await visible(admin, 'admin-draw-new').click();
    await visible(admin, 'admin-draw-product-p-mug').click();
    const now = world.emu.clock.now();
    await fill(admin, 'admin-draw-input-title', '手作陶瓷杯 窑变釉 首发抽签');
    await fill(admin, 'admin-draw-input-description', '窑变釉每只都不一样，每人限购 1 只。');
    await fill(admin, 'admin-draw-input-units', '2');
    await fill(admin, 'admin-draw-input-waitlistLength', '1');
    await fill(admin, 'admin-draw-input-opensAt', localTime(now - MINUTE));
    await fill(admin, 'admin-draw-input-closesAt', localTime(now + 2 * HOUR));
    await fill(admin, 'admin-draw-input-drawAt', localTime(now + 2 * HOUR + 10 * MINUTE));
    await visible(admin, 'admin-draw-min-tier-buyer').click();
    await fill(admin, 'admin-draw-input-purchaseHours', '2');
    await settled(admin, 'admin-draw-form');
    await world.shot(admin, '40-admin-draw-create');
    await visible(admin, 'admin-draw-save').click();
    const row = admin.locator('[data-testid="admin-draw-row"]:visible').filter({ hasText: '手作陶瓷杯 窑变釉 首发抽签' });
    await row.waitFor();
    const drawId = (await row.getAttribute('data-draw-id'))!;
    assert.match(drawId, /^draw_[0-9a-f]{12}$/);
    assert.equal((await row.locator('[data-testid="admin-draw-status"]').innerText()).trim(), '报名中');
    await settled(admin, 'admin-draws-list');
    await world.shot(admin, '41-admin-draws-list');

    // A member who just joined (未购会员) may not enter: the refusal in words, and the ways on. A new
    // one, not the 小满 persona: earlier journeys may have made her a buyer.
    const xiaoman = await newMember();
    await open(world, xiaoman, 'packages/draws/index');
    await visible(xiaoman, 'draws-list').waitFor();
    await xiaoman.locator(`[data-testid="draw-card"][data-draw-id="${drawId}"]:visible`).waitFor();
    await settled(xiaoman, 'draws-list');
    await world.shot(xiaoman, '42-draws-list');
    await xiaoman.locator(`[data-testid="draw-card"][data-draw-id="${drawId}"]:visible`).click();
    await visible(xiaoman, 'draw-enter-refusal').waitFor();
    assert.equal((await visible(xiaoman, 'draw-enter-refusal').innerText()).trim(), '再下 1 单成为已购会员即可参加');
    await visible(xiaoman, 'draw-way-shop').waitFor();
    assert.equal(
      await visible(xiaoman, 'draw-enter')
        .getAttribute('class')
        .then((c) => /disabled/.test(c ?? '')),
      true,
      '参加抽签 is disabled',
    );
    await settled(xiaoman, 'draw-detail');
    await world.shot(xiaoman, '43-draw-refused-in-words');

    // Three eligible members enter; the first two allow the result message on the stand-in sheet, the third refuses it.
    const members = [
      { persona: 'buyer', openid: 'demo-buyer', allow: true },
      { persona: 'repeat_buyer', openid: 'demo-repeat', allow: true },
      { persona: 'koc', openid: 'demo-koc', allow: false },
    ];
    const pages = new Map<string, Page>();
    for (const [i, m] of members.entries()) {
      const page = await phone(m.persona);
      pages.set(m.openid, page);
      await onDraw(world, page, drawId);
      assert.match(await visible(page, 'draw-countdown').innerText(), /距报名截止 1 小时 5\d 分|距报名截止 2 小时 00 分/);
      if (i === 0) {
        await settled(page, 'draw-detail');
        await world.shot(page, '44-draw-detail-open');
      }
      await visible(page, 'draw-enter').click();
      await visible(page, 'draw-subscribe-sheet').waitFor();
      if (i === 0) await world.shot(page, '45-draw-subscribe-sheet');
      await visible(page, m.allow ? 'draw-subscribe-allow' : 'draw-subscribe-deny').click();
      await page.locator('[data-testid="draw-receipt"][data-state="entered"]:visible').waitFor();
      const entry = entriesOf(world, drawId).find((e) => e.memberId === m.openid);
      assert.ok(entry, `${m.openid} has an entry`);
      assert.equal((await visible(page, 'draw-entry-id').innerText()).trim(), entry._id, 'the receipt is the entry id');
      assert.equal(entry.notify, m.allow, 'the entry records the answer on the sheet');
      if (i === 0) {
        await settled(page, 'draw-receipt');
        await world.shot(page, '46-draw-entered-receipt');
      }
    }
    assert.equal(entriesOf(world, drawId).length, 3);
    // Entering again (another tap, a second device) is 已报名, not a second entry.
    const again = (
      await world.emu.invoke(
        'draws',
        { action: 'enter', drawId, notify: false, notifyPromoted: false, userInfo: { openId: 'demo-buyer' } },
        { OPENID: 'demo-buyer', SOURCE: 'wx_client' },
      )
    ).result as { ok: boolean; error?: { code: string } };
    assert.equal(again.error?.code, 'DRAW_ALREADY_ENTERED');
    assert.equal(entriesOf(world, drawId).length, 3);

    // The draw time passes; the timer draws, then the messages go out.
    world.emu.clock.advance(2 * HOUR + 12 * MINUTE);
    await fire(world, 'draws');
    await fire(world, 'notify-send');
    const ranked = entriesOf(world, drawId)
      .filter((e) => typeof e.rank === 'number')
      .sort((a, b) => (a.rank as number) - (b.rank as number));
    assert.deepEqual(
      ranked.map((e) => e.outcome),
      ['won', 'won', 'waitlist'],
    );
    const [payer, forfeiter, waiting] = ranked;
    const outbox = (await (await fetch(`${world.emu.url}/control/outbox`)).json()) as { messages: Array<{ touser: string; page?: string }> };
    const told = (openid: unknown) => outbox.messages.filter((m) => m.touser === openid && (m.page ?? '').includes(drawId)).length;
    for (const m of members) assert.equal(told(m.openid), m.allow ? 1 : 0, `${m.openid}: one result message if they allowed it, none otherwise`);

    // Each entrant sees their result; the waitlisted one sees their place.
    for (const e of ranked) {
      const page = pages.get(e.memberId as string)!;
      await onDraw(world, page, drawId);
      await page.locator(`[data-testid="draw-receipt"][data-state="${e.outcome === 'won' ? 'won' : 'waitlist'}"]:visible`).waitFor();
    }
    const payerPage = pages.get(payer.memberId as string)!;
    assert.match(await visible(payerPage, 'draw-entry-state').innerText(), /已中签，请在 .* 前付款/);
    await settled(payerPage, 'draw-receipt');
    await world.shot(payerPage, '47-draw-won-pay-by');
    const waitingPage = pages.get(waiting.memberId as string)!;
    assert.match(await visible(waitingPage, 'draw-entry-state').innerText(), /候补第 1 位/);
    await settled(waitingPage, 'draw-receipt');
    await world.shot(waitingPage, '48-draw-waitlist');

    // The verify page: the published data, and the recomputation in the page gives the same winners (✓ at every step).
    await visible(payerPage, 'draw-verify-link').click();
    await visible(payerPage, 'verify-page').waitFor();
    const published = await payerPage.locator('[data-testid="verify-winner"]:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry-id')));
    assert.deepEqual(published, [payer._id, forfeiter._id]);
    await visible(payerPage, 'verify-my-entry').waitFor();
    await settled(payerPage, 'verify-page');
    await world.shot(payerPage, '49-verify-published');
    await payerPage.locator('[data-testid="verify-run"]:not(.nut-button-disabled):visible').click();
    await payerPage.locator('[data-testid="verify-steps"][data-ok="true"]:visible').waitFor();
    assert.equal(await payerPage.locator('[data-testid="verify-step"][data-ok="true"]:visible').count(), 6);
    await visible(payerPage, 'verify-summary').scrollIntoViewIfNeeded();
    await world.shot(payerPage, '50-verify-recomputed');
    // The file downloads in the verifier's format.
    const [download] = await Promise.all([payerPage.waitForEvent('download'), visible(payerPage, 'verify-download').click()]);
    const file = JSON.parse(await streamText(await download.createReadStream())) as { format: string; entries: string[]; winners: string[] };
    assert.equal(file.format, 'flywheel-draw-proof/1');
    assert.deepEqual([...file.entries].sort(), ranked.map((e) => e._id as string).sort());
    assert.deepEqual(file.winners, [payer._id, forfeiter._id]);

    // Anyone may audit: a fresh browser with no identity opens the verify page itself, not the identity picker.
    const auditorContext = await world.newContext();
    contexts.push(auditorContext);
    const auditor = await auditorContext.newPage();
    await auditor.goto(`${world.emu.url}/#/packages/draws/verify?id=${drawId}`);
    await visible(auditor, 'verify-page').waitFor();
    assert.equal(await byTestId(auditor, 'new-visitor-button').count(), 0, 'no identity picker');
    await auditor.locator('[data-testid="verify-run"]:not(.nut-button-disabled):visible').click();
    await auditor.locator('[data-testid="verify-steps"][data-ok="true"]:visible').waitFor();
    await visible(auditor, 'verify-summary').scrollIntoViewIfNeeded();
    await world.shot(auditor, '50b-verify-public-no-identity');

    // The first winner pays at their member price through the shop's order page.
    await onDraw(world, payerPage, drawId);
    await visible(payerPage, 'draw-pay').click();
    await visible(payerPage, 'order-draw-source').waitFor();
    const payerOrder = orderOf(world, payer.orderId)!;
    // Earlier journeys move personas up the ladder: the price is the one for the winner's step now.
    const winner = world.emu.db.find({ collection: 'members', query: { _id: payer.memberId }, limit: 1 })[0] as { tier: string };
    const mug = world.emu.db.find({ collection: 'products', query: { _id: 'p-mug' }, limit: 1 })[0] as { memberPrices: Record<string, number> };
    const memberPrice = mug.memberPrices[winner.tier];
    assert.ok(memberPrice > 0, `a member price for ${winner.tier}`);
    assert.equal(payerOrder.payFen, memberPrice, 'the order is at the winner’s member price');
    assert.match(await visible(payerPage, 'order-pay-amount').innerText(), new RegExp(`${(memberPrice / 100).toFixed(2).replace('.', '\\.')}`));
    await settled(payerPage, 'order-detail');
    await world.shot(payerPage, '51-draw-order-to-pay');
    await visible(payerPage, 'order-pay').click();
    await visible(payerPage, 'cashier-confirm').click();
    await payerPage.locator('[data-testid="order-status"][data-status="paid"]:visible').waitFor();
    await onDraw(world, payerPage, drawId);
    await payerPage.locator('[data-testid="draw-receipt"][data-state="paid"]:visible').waitFor();

    // The second winner does not pay: past the purchase window (2 h) and the payment query's grace (1 h), the order closes,
    // the entry is forfeited and the waitlisted member is promoted (with an order of their own).
    world.emu.clock.advance(3 * HOUR + 5 * MINUTE);
    await fire(world, 'orders-expire');
    await fire(world, 'order-events');
    await fire(world, 'draws');
    const after = new Map(entriesOf(world, drawId).map((e) => [e._id, e]));
    assert.equal(after.get(forfeiter._id)?.outcome, 'forfeited');
    assert.equal(after.get(waiting._id)?.outcome, 'won');
    assert.equal(after.get(waiting._id)?.promotedFor, forfeiter._id);
    assert.equal(orderOf(world, after.get(waiting._id)?.orderId)?.status, 'pending_payment');
    const forfeitPage = pages.get(forfeiter.memberId as string)!;
    await onDraw(world, forfeitPage, drawId);
    await forfeitPage.locator('[data-testid="draw-receipt"][data-state="forfeited"]:visible').waitFor();
    await settled(forfeitPage, 'draw-receipt');
    await world.shot(forfeitPage, '52-draw-forfeited');
    await onDraw(world, waitingPage, drawId);
    await waitingPage.locator('[data-testid="draw-receipt"][data-state="won"]:visible').waitFor();
    await visible(waitingPage, 'draw-pay').waitFor();
    await settled(waitingPage, 'draw-receipt');
    await world.shot(waitingPage, '53-draw-promoted');
    await open(world, waitingPage, 'packages/draws/mine');
    await waitingPage.locator(`[data-testid="my-draw-entry"][data-draw-id="${drawId}"][data-state="won"]:visible`).waitFor();
    await settled(waitingPage, 'my-draws-list');
    await world.shot(waitingPage, '54-my-draws');

    // Staff see the results: 2 won (1 paid), 1 forfeited, 1 promoted.
    await open(world, admin, 'packages/admin/draws');
    await admin.locator(`[data-testid="admin-draw-row"][data-draw-id="${drawId}"]:visible`).click();
    await admin.locator('[data-testid="admin-draw-detail"][data-status="drawn"]:visible').waitFor();
    const result = async (key: string) => (await visible(admin, `admin-draw-result-${key}`).innerText()).trim();
    assert.deepEqual([await result('won'), await result('paid'), await result('forfeited'), await result('promoted')], ['2', '1', '1', '1']);
    // Entries by the step each member was on when entering (earlier journeys decide the steps).
    for (const tier of ['member', 'buyer', 'repeat_buyer', 'koc']) {
      const expected = entriesOf(world, drawId).filter((e) => e.tier === tier).length;
      assert.equal((await visible(admin, `admin-draw-tier-${tier}`).innerText()).trim(), String(expected), `entries of ${tier}`);
    }
    await settled(admin, 'admin-draw-detail');
    await world.shot(admin, '55-admin-draw-results');

    for (const context of contexts) await context.close();
  },
};

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
