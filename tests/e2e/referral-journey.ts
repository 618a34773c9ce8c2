import assert from 'node:assert/strict';
import { byTestId, open, settled, signInAs, visible } from './harness';
import type { Journey } from './journeys';

const DAY = 86_400_000;

export const referralJourney: Journey = {
  name: 'a repeat buyer shares an invite card; a brand-new customer opens it, joins and buys; after the hold the sharer is 品牌KOC, sees the friend and the confirmed purchase, and unlocks the one-friend perk',
  async run(world) {
    // The sharer: 复购会员 周周 makes an invite card.
    const sharerContext = await world.newContext();
    const sharer = await sharerContext.newPage();
    await signInAs(world, sharer, 'repeat_buyer');
    await byTestId(sharer, 'member-entry').click();
    await byTestId(sharer, 'member-invite-entry').click();
    await visible(sharer, 'invite-share').click();
    await visible(sharer, 'share-link').waitFor();
    const link = (await visible(sharer, 'share-link').innerText()).trim();
    assert.match(link, /#\/packages\/invite\/index\?s=[A-Za-z0-9]{12}$/);
    const code = link.split('s=')[1];
    await settled(sharer, 'invite-card');
    await world.shot(sharer, '25-invite-card-link');

    // A brand-new customer, on another phone, opens the card: through 选择体验身份 to the card itself.
    const friendContext = await world.newContext();
    const friend = await friendContext.newPage();
    await friend.goto(link);
    await byTestId(friend, 'new-visitor-button').click();
    await visible(friend, 'invite-welcome').waitFor();
    await settled(friend, 'invite-welcome');
    await world.shot(friend, '26-newcomer-lands-on-card');
    const visits = () => world.emu.db.find({ collection: 'share_visits', query: { code }, limit: 10 }) as Array<{ visitorId: string }>;
    for (let i = 0; i < 20 && visits().length === 0; i++) await friend.waitForTimeout(200);
    assert.equal(visits().length, 1, 'the open is recorded as a visit of the card');
    const friendId = visits()[0].visitorId;

    // ...joins...
    await visible(friend, 'invite-join').click();
    await byTestId(friend, 'join-button').waitFor({ state: 'visible' });
    await byTestId(friend, 'terms-checkbox').click();
    await byTestId(friend, 'join-button').click();
    await friend.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('未购会员'));
    const referral = world.emu.db.find({ collection: 'referrals', query: { _id: friendId }, limit: 1 })[0] as { referrerId: string; status: string };
    assert.deepEqual([referral.referrerId, referral.status], ['demo-repeat', 'counted']);

    // ...and buys at the member price, paying in the simulated cashier.
    await open(world, friend, 'pages/product/index?id=p-drip-bags');
    await friend.locator('[data-testid="product-detail"]:visible [data-testid="product-buy"]').click();
    await friend.locator('[data-testid="checkout"][data-quoting="false"]:visible').waitFor();
    await visible(friend, 'checkout-submit').click();
    await visible(friend, 'cashier-confirm').click();
    await friend.locator('[data-testid="order-status"][data-status="paid"]:visible').waitFor();
    const orderId = await visible(friend, 'order-detail').getAttribute('data-order-id');
    const conversion = () =>
      world.emu.db.find({ collection: 'conversions', query: { _id: orderId }, limit: 1 })[0] as { sharerId: string; status: string } | undefined;
    assert.equal(conversion()?.sharerId, 'demo-repeat');
    assert.equal(conversion()?.status, 'pending');
    await friendContext.close();

    // Before the hold ends, the sharer sees the purchase pending.
    await open(world, sharer, 'packages/invite/influence');
    await sharer.locator('[data-testid="influence-purchase"][data-status="pending"]:visible').waitFor();
    assert.equal(await visible(sharer, 'influence-koc-badge').count(), 0, 'not 品牌KOC while the purchase is pending');
    await settled(sharer, 'influence-page');
    await world.shot(sharer, '27-influence-pending');

    // The refund window passes; the confirmation timer runs.
    world.emu.clock.advance(8 * DAY);
    const run = (
      await world.emu.invoke(
        'jobs',
        { Type: 'Timer', TriggerName: 'referral-confirm', Time: new Date(world.emu.clock.now()).toISOString(), Message: '' },
        { OPENID: '', SOURCE: 'wx_trigger' },
      )
    ).result as { ok: boolean };
    assert.equal(run.ok, true);
    assert.equal(conversion()?.status, 'confirmed');

    // The sharer: the friend, the confirmed purchase, and 品牌KOC.
    await open(world, sharer, 'packages/invite/influence');
    await sharer.locator('[data-testid="influence-purchases-confirmed"][data-count="1"]:visible').waitFor();
    await visible(sharer, 'influence-koc-badge').waitFor();
    assert.equal(await visible(sharer, 'influence-friend').count(), 1);
    assert.equal(await visible(sharer, 'influence-koc').getAttribute('data-tier'), 'koc');
    await settled(sharer, 'influence-page');
    await world.shot(sharer, '28-influence-confirmed-koc');
    await open(world, sharer, 'pages/member/index');
    await sharer.waitForFunction(() => document.querySelector('[data-testid="tier-name"]')?.textContent?.includes('品牌KOC'));

    // The perk that needed one friend to join unlocks when claimed.
    await open(world, sharer, 'packages/invite/index');
    const perk = sharer.locator('[data-testid="perk-card"][data-perk-id="perk-invite-1"]:visible');
    await sharer.locator('[data-testid="perk-card"][data-perk-id="perk-invite-1"][data-claimable="true"]:visible').waitFor();
    await perk.locator('[data-testid="perk-claim"]').click();
    await sharer.locator('[data-testid="perk-card"][data-perk-id="perk-invite-1"][data-unlocked="true"]:visible').waitFor();
    await perk.locator('[data-testid="perk-coupon"]').waitFor();
    // The three-friends perk is still locked: one friend is not three.
    assert.equal(await sharer.locator('[data-testid="perk-card"][data-perk-id="perk-brew-notes"][data-unlocked="true"]').count(), 0);
    await settled(sharer, 'invite-perks');
    await world.shot(sharer, '29-perk-unlocked');

    // An invite poster: the brand, the sharer's name and a mini-program code for a poster-channel card.
    await open(world, sharer, 'packages/invite/poster');
    await sharer.locator('[data-testid="poster-canvas"][data-state="ready"]:visible').waitFor();
    await visible(sharer, 'poster-image').waitFor();
    // The whole poster shows (300 x 480), not a cut-off top.
    const box = await visible(sharer, 'poster-image').boundingBox();
    assert.ok(box && box.height / box.width > 1.55, `the poster shows whole (saw ${box?.width} x ${box?.height})`);
    const posterCode = await visible(sharer, 'poster-page').getAttribute('data-code');
    const posterShare = world.emu.db.find({ collection: 'shares', query: { _id: posterCode }, limit: 1 })[0] as { sharerId: string; channel: string };
    assert.deepEqual([posterShare.sharerId, posterShare.channel], ['demo-repeat', 'poster']);
    await settled(sharer, 'poster-page');
    await world.shot(sharer, '30-invite-poster');
    await sharerContext.close();

    // Staff see the sharer on the KOC leaderboard with the friend who bought.
    const adminContext = await world.newContext();
    const admin = await adminContext.newPage();
    await signInAs(world, admin, 'admin');
    await byTestId(admin, 'admin-entry').click();
    await byTestId(admin, 'admin-tool-koc').click();
    const row = admin.locator('[data-testid="admin-koc-row"][data-member-id="demo-repeat"]:visible');
    await row.waitFor();
    assert.match(await row.locator('[data-testid="admin-koc-friends"]').innerText(), /1/);
    assert.match(await row.locator('[data-testid="admin-koc-propagation"]').innerText(), /53\.00/);
    await settled(admin, 'admin-koc-page');
    await world.shot(admin, '31-admin-koc-leaderboard');
    await adminContext.close();
  },
};
