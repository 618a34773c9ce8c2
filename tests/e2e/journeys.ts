import assert from 'node:assert/strict';
import { byTestId, settled, signInAs, visible, type World } from './harness';
import { drawsJourney } from './draws-journey';
import { feedbackJourney } from './feedback-journey';
import { referralJourney } from './referral-journey';

export interface Journey {
  name: string;
  run(world: World): Promise<void>;
}

export const journeys: Journey[] = [
  {
    name: 'a new visitor opens the app, joins membership and sees 未购会员',
    async run(world) {
      const context = await world.newContext();
      const page = await context.newPage();
      await page.goto(`${world.emu.url}/`);
      await byTestId(page, 'new-visitor-button').waitFor();
      await world.shot(page, '01-login-picker');
      await byTestId(page, 'new-visitor-button').click();
      await byTestId(page, 'home-tier-name').waitFor({ state: 'visible' });
      assert.equal((await byTestId(page, 'home-tier-name').innerText()).trim(), '基础用户');
      await world.shot(page, '02-new-visitor-home');
      await byTestId(page, 'member-entry').click();
      await byTestId(page, 'join-button').waitFor({ state: 'visible' });
      await byTestId(page, 'terms-checkbox').click();
      await byTestId(page, 'join-button').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('未购会员'));
      await settled(page, 'tier-name');
      await world.shot(page, '03-joined-member-centre');
      // The server agrees: the record is a member now.
      const stored = world.emu.db.find({ collection: 'members', query: { tier: 'member', joinedAt: { $ne: null } }, limit: 1000 });
      assert.ok(
        stored.some((m) => !String(m._id).startsWith('demo-')),
        'the new visitor is stored as 未购会员',
      );
      await context.close();
    },
  },
  {
    name: 'a member persona sees the member centre',
    async run(world) {
      const context = await world.newContext();
      const page = await context.newPage();
      await signInAs(world, page, 'member');
      await byTestId(page, 'member-entry').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="member-nickname"]')?.textContent?.includes('小满'));
      assert.equal((await byTestId(page, 'tier-name').innerText()).trim(), '未购会员');
      assert.equal(await byTestId(page, 'tier-ladder').getAttribute('data-position'), '2');
      assert.match(await byTestId(page, 'points-balance').innerText(), /\d/);
      assert.equal(await byTestId(page, 'admin-entry').count(), 0, 'a member sees no admin entry');
      await world.shot(page, '04-member-centre');
      await context.close();
    },
  },
  {
    name: 'a moderator sees the admin entry; a member does not and is refused by the server',
    async run(world) {
      const modContext = await world.newContext();
      const mod = await modContext.newPage();
      await signInAs(world, mod, 'moderator');
      await byTestId(mod, 'admin-entry').waitFor({ state: 'visible' });
      await world.shot(mod, '05-moderator-home-admin-entry');
      await byTestId(mod, 'admin-entry').click();
      await mod.waitForURL(/packages\/admin/);
      await settled(mod, 'funnel-member');
      assert.equal(await byTestId(mod, 'admin-forbidden').count(), 0);
      // A moderator sees the overview, not staff management.
      assert.equal(await byTestId(mod, 'staff-list').count(), 0);
      await world.shot(mod, '06-moderator-admin-area');
      await modContext.close();

      const memberContext = await world.newContext();
      const page = await memberContext.newPage();
      await signInAs(world, page, 'member');
      assert.equal(await byTestId(page, 'admin-entry').count(), 0);
      // Calling an admin action as a member, with the member's own session, straight at the gateway.
      const token = await page.evaluate(() => {
        for (let i = 0; i < localStorage.length; i++) {
          const value = localStorage.getItem(localStorage.key(i)!) ?? '';
          const match = value.match(/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
          if (match) return match[0];
        }
        return null;
      });
      assert.ok(token, 'the member has a session token');
      const res = await fetch(`${world.emu.url}/gateway/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'admin', data: { action: 'overview' } }),
      });
      const body = await res.json();
      assert.equal(body.result.ok, false);
      assert.equal(body.result.error.code, 'FORBIDDEN');
      await page.goto(`${world.emu.url}/#/packages/admin/index`);
      await settled(page, 'admin-forbidden');
      await world.shot(page, '07-member-admin-forbidden');
      await memberContext.close();
    },
  },
  {
    name: 'a member sees balance and expiring points, redeems a reward and finds the coupon with the balance reduced',
    async run(world) {
      const context = await world.newContext();
      const page = await context.newPage();
      await signInAs(world, page, 'repeat_buyer');
      await byTestId(page, 'member-entry').click();
      await byTestId(page, 'member-points-card').waitFor({ state: 'visible' });
      const balanceText = async () => Number((await byTestId(page, 'points-balance').first().innerText()).replace(/[^0-9]/g, ''));
      await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="points-balance"]')?.textContent ?? ''));
      const before = await balanceText();
      assert.ok(before >= 200, `the persona has points to spend (saw ${before})`);
      assert.match(await byTestId(page, 'member-expiring').innerText(), /积分将于.*过期/);
      await settled(page, 'member-points-card');
      await world.shot(page, '08-member-points-card');

      await byTestId(page, 'member-rewards-entry').click();
      await settled(page, 'redeem-r-coupon-10');
      await world.shot(page, '09-rewards');
      await byTestId(page, 'redeem-r-coupon-10').click();
      await byTestId(page, 'redeem-confirm').waitFor({ state: 'visible' });
      await world.shot(page, '10-redeem-confirm');
      await byTestId(page, 'redeem-confirm').click();
      await page.waitForFunction(
        (expected) => Number((document.querySelector('[data-testid="rewards-balance"]')?.textContent ?? '').replace(/[^0-9]/g, '')) === expected,
        before - 200,
      );

      await byTestId(page, 'rewards-coupons-entry').click();
      await settled(page, 'coupons-list');
      const coupons = await byTestId(page, 'coupon-row').allInnerTexts();
      assert.ok(
        coupons.some((c) => c.includes('满59减10')),
        `the coupon is in 我的券 (saw ${coupons.join(' | ')})`,
      );
      await world.shot(page, '11-my-coupons');

      // The server agrees: one coupon, one spend entry, the balance reduced by the cost.
      const member = world.emu.db.find({ collection: 'members', query: { _id: 'demo-repeat' }, limit: 1 })[0];
      assert.equal(member.points, before - 200);
      const issued = world.emu.db.find({ collection: 'coupons', query: { memberId: 'demo-repeat', rewardId: 'r-coupon-10' }, limit: 10 });
      assert.equal(issued.length, 1);
      await context.close();
    },
  },
  {
    name: 'an admin adjusts a member’s points with a reason; the member sees it in their history',
    async run(world) {
      const adminContext = await world.newContext();
      const admin = await adminContext.newPage();
      await signInAs(world, admin, 'admin');
      await byTestId(admin, 'admin-entry').click();
      await byTestId(admin, 'admin-tool-adjust').click();
      await byTestId(admin, 'adjust-form').waitFor({ state: 'visible' });
      await byTestId(admin, 'adjust-openid').locator('input').fill('demo-buyer');
      await byTestId(admin, 'adjust-amount').locator('input').fill('120');
      await byTestId(admin, 'adjust-reason').locator('input').fill('门店活动补发');
      await byTestId(admin, 'adjust-submit').click();
      await byTestId(admin, 'adjust-confirm').click();
      await byTestId(admin, 'adjust-result').waitFor({ state: 'visible' });
      const balance = Number(await byTestId(admin, 'adjust-result').getAttribute('data-balance'));
      assert.ok(balance >= 120, `the new balance is shown (saw ${balance})`);
      await settled(admin, 'adjust-result');
      await world.shot(admin, '12-admin-adjust-points');
      await adminContext.close();

      const memberContext = await world.newContext();
      const page = await memberContext.newPage();
      await signInAs(world, page, 'buyer');
      await byTestId(page, 'member-entry').click();
      await page.waitForFunction(
        (expected) => Number((document.querySelector('[data-testid="points-balance"]')?.textContent ?? '').replace(/[^0-9]/g, '')) === expected,
        balance,
      );
      await byTestId(page, 'member-points-entry').click();
      await byTestId(page, 'points-history-row').first().waitFor({ state: 'visible' });
      assert.match(await byTestId(page, 'points-history-row').first().innerText(), /客服调整：门店活动补发[\s\S]*\+120/);
      await settled(page, 'points-history');
      await world.shot(page, '13-member-points-history');
      await memberContext.close();
    },
  },
  {
    name: 'members see their own tier’s price, the list price struck through and the next tier’s offer; member-only products stay hidden',
    async run(world) {
      // Home (a tab page) stays mounted with its own cards: look inside the catalog or the detail page.
      const card = (page: import('playwright-core').Page, id: string) => page.locator(`[data-testid="catalog"] [data-testid="product-card-${id}"]`);
      const inDetail = (page: import('playwright-core').Page, id: string) => page.locator(`[data-testid="product-detail"] [data-testid="${id}"]`);
      const priceIn = async (page: import('playwright-core').Page, id: string) =>
        (await card(page, id).locator('[data-testid="product-my-price"]').innerText()).trim();

      const context = await world.newContext();
      const page = await context.newPage();
      await signInAs(world, page, 'member');
      await byTestId(page, 'catalog-entry').click();
      await card(page, 'p-yirgacheffe').waitFor({ state: 'visible' });
      assert.equal(await card(page, 'p-geisha-limited').count(), 0, 'a 已购会员-only product is hidden from 未购会员');
      assert.match(await priceIn(page, 'p-yirgacheffe'), /115\.00/);
      await settled(page, 'catalog');
      await world.shot(page, '14-catalog-member');
      await card(page, 'p-yirgacheffe').click();
      await byTestId(page, 'product-detail').waitFor({ state: 'visible' });
      assert.match(await inDetail(page, 'product-my-price').innerText(), /115\.00/);
      assert.match(await inDetail(page, 'product-list-price').innerText(), /128\.00/);
      assert.match(await inDetail(page, 'product-next-tier').innerText(), /已购会员.*109\.00/);
      assert.equal(await inDetail(page, 'tier-price-member').getAttribute('data-mine'), 'true');
      await settled(page, 'product-detail');
      await world.shot(page, '15-product-detail-member');
      await context.close();

      const kocContext = await world.newContext();
      const koc = await kocContext.newPage();
      await signInAs(world, koc, 'koc');
      await byTestId(koc, 'catalog-entry').click();
      await card(koc, 'p-geisha-limited').waitFor({ state: 'visible' });
      assert.match(await priceIn(koc, 'p-yirgacheffe'), /99\.00/);
      await kocContext.close();
    },
  },

  {
    name: 'a member buys at their member price and pays; points and 已购会员 follow, a second order makes 复购会员; staff approve a refund and the points are reversed',
    async run(world) {
      const memberDoc = () => world.emu.db.find({ collection: 'members', query: { _id: 'demo-member' }, limit: 1 })[0] as { points: number; tier: string };
      const startPoints = memberDoc().points;
      const context = await world.newContext();
      const page = await context.newPage();
      await signInAs(world, page, 'member');

      // A hash change keeps earlier pages of the same route mounted: load the document afresh instead.
      const open = async (path: string) => {
        await page.goto(`${world.emu.url}/#/${path}`);
        await page.reload();
      };

      /** From the catalog: buy one bag of beans now, pay in the simulated cashier, land on the paid order. */
      const buyBeans = async (screenshots: boolean, expectedPrice: string, expectedPoints: number) => {
        await open('pages/product/index?id=p-yirgacheffe');
        await page.locator('[data-testid="product-detail"]:visible [data-testid="product-buy"]').click();
        await page.locator('[data-testid="checkout"][data-quoting="false"]:visible').waitFor();
        assert.match(await visible(page, 'checkout-pay-amount').innerText(), new RegExp(expectedPrice.replace('.', '\\.')));
        assert.match(await visible(page, 'checkout-points').innerText(), new RegExp(`${expectedPoints}`));
        if (screenshots) {
          await settled(page, 'checkout');
          await world.shot(page, '16-checkout');
        }
        await visible(page, 'checkout-submit').click();
        await visible(page, 'cashier-confirm').waitFor();
        assert.match(await visible(page, 'cashier-amount').innerText(), new RegExp(expectedPrice.replace('.', '\\.')));
        if (screenshots) {
          await settled(page, 'cashier-confirm');
          await world.shot(page, '17-cashier');
        }
        await visible(page, 'cashier-confirm').click();
        await page.locator('[data-testid="order-status"][data-status="paid"]:visible').waitFor();
        const orderId = await visible(page, 'order-detail').getAttribute('data-order-id');
        assert.ok(orderId, 'the order page names its order');
        // The points arrive with the payment's effects; the page reads them when they are there.
        for (let i = 0; i < 20 && (await visible(page, 'order-points').count()) === 0; i++) {
          await page.waitForTimeout(300);
          await page.reload();
          await visible(page, 'order-status').waitFor();
        }
        assert.match(await visible(page, 'order-points').innerText(), new RegExp(`${expectedPoints}`));
        return orderId!;
      };

      // 未购会员 pays the member price, ¥115.00, and earns 115 points (x1).
      const first = await buyBeans(true, '115.00', 115);
      await settled(page, 'order-detail');
      await world.shot(page, '18-order-paid');
      assert.equal(memberDoc().tier, 'buyer');
      await open('pages/member/index');
      await page.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('已购会员'));
      await page.waitForFunction(
        (n) => Number((document.querySelector('[data-testid="points-balance"]')?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
        startPoints + 115,
      );
      await settled(page, 'tier-name');
      await world.shot(page, '19-member-buyer');

      // Now 已购会员: ¥109.00 and x1.2 -> 130 points; the second paid order makes 复购会员.
      const second = await buyBeans(false, '109.00', 130);
      assert.notEqual(second, first);
      assert.equal(memberDoc().tier, 'repeat_buyer');
      await open('pages/member/index');
      await page.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('复购会员'));

      // The member asks for a refund of the second order.
      await open(`packages/shop/order?id=${second}`);
      await visible(page, 'order-refund').click();
      await visible(page, 'refund-reason').locator('input').fill('送人的，对方已经有了');
      await visible(page, 'refund-submit').click();
      await page.locator('[data-testid="order-refund-block"][data-status="requested"]:visible').waitFor();
      await settled(page, 'order-refund-block');
      await world.shot(page, '20-refund-requested');

      // Staff approve it in the refund queue.
      const adminContext = await world.newContext();
      const admin = await adminContext.newPage();
      await signInAs(world, admin, 'admin');
      await byTestId(admin, 'admin-entry').click();
      await byTestId(admin, 'admin-tool-refunds').click();
      const row = admin.locator(`[data-testid="admin-refund-row"][data-order-id="${second}"]`);
      await row.waitFor({ state: 'visible' });
      await settled(admin, 'admin-refund-row');
      await world.shot(admin, '21-admin-refund-queue');
      await row.locator('[data-testid="admin-refund-approve"]').click();
      await admin.locator(`[data-testid="admin-refund-row"][data-order-id="${second}"][data-status="approved"]`).waitFor();
      await world.shot(admin, '22-admin-refund-approved');
      await adminContext.close();

      // The member sees the order refunded and the 130 points taken back; the tier waits out its grace.
      await open(`packages/shop/order?id=${second}`);
      await page.locator('[data-testid="order-status"][data-status="refunded"]:visible').waitFor();
      assert.match(await visible(page, 'order-points').innerText(), /已扣回 130 积分/);
      await settled(page, 'order-detail');
      await world.shot(page, '23-order-refunded');
      await open('pages/member/index');
      await page.waitForFunction(
        (n) => Number((document.querySelector('[data-testid="points-balance"]')?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
        startPoints + 115,
      );
      assert.equal(memberDoc().points, startPoints + 115);
      assert.equal(memberDoc().tier, 'repeat_buyer', 'a refund starts the grace period rather than demoting at once');
      await byTestId(page, 'member-points-entry').click();
      await byTestId(page, 'points-history-row').first().waitFor({ state: 'visible' });
      assert.match(await byTestId(page, 'points-history-row').first().innerText(), /订单退款，扣回积分[\s\S]*-130/);
      await settled(page, 'points-history');
      await world.shot(page, '24-points-reversed');
      await context.close();
    },
  },
  // Last: these move the emulator clock on (8 days; then a draw's 2 h window and its 2 h purchase window).
  referralJourney,
  drawsJourney,
  // After them: 周周's points grow by the reward, which no earlier journey expects.
  feedbackJourney,
];
