import assert from 'node:assert/strict';
import type { Phone } from './phone';
import type { WeappWorld } from './world';

// The H5 journeys that have a weapp path, on the weapp build: WeChat's transport
// (wx.cloud.callFunction with the OPENID WeChat supplies), the tab bar, share cards opened by
// another phone, requestPayment, the album. Each issue that adds a weapp-only API adds its
// journey here.

export interface WeappJourney {
  name: string;
  run(world: WeappWorld): Promise<void>;
}

type Doc = Record<string, unknown>;
const one = (world: WeappWorld, collection: string, query: Doc): Doc | undefined => world.emu.db.find({ collection, query, limit: 1 })[0] as Doc | undefined;
const digits = (text: string) => Number(text.replace(/[^0-9]/g, ''));

async function joinOnMemberCentre(phone: Phone): Promise<void> {
  assert.equal(phone.route, 'pages/member/index');
  await phone.tap('terms-checkbox');
  assert.ok(!phone.get('join-button').classes.includes('nut-button-disabled'), 'the join button is enabled once the terms are accepted');
  await phone.tap('join-button');
  assert.equal(phone.text('tier-name'), '未购会员');
  assert.ok(phone.toasts().includes('入会成功'), `toast 入会成功 (saw ${phone.toasts().join(', ')})`);
}

/** A card's path as WeChat sends it, opened by another phone (scene 1007: a card in a chat). */
async function openCard(world: WeappWorld, path: string, label: string): Promise<Phone> {
  const friend = world.phone({ label });
  await friend.launch(path, 1007);
  return friend;
}

/** The page makes its share menu show both 转发 and 分享到朋友圈. */
function assertShareMenus(phone: Phone): void {
  const menus = phone.calls('showShareMenu').map((o) => o?.menus);
  assert.ok(
    menus.some((m) => Array.isArray(m) && m.includes('shareAppMessage') && m.includes('shareTimeline')),
    `wx.showShareMenu gets menus [shareAppMessage, shareTimeline] (saw ${JSON.stringify(phone.calls('showShareMenu'))})`,
  );
}

/** A draw as the demo admin creates it (admin.createDraw through the function, as the admin tool does): open now. */
async function createOpenDraw(world: WeappWorld, over: Record<string, unknown> = {}): Promise<string> {
  const now = world.emu.clock.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const event = {
    action: 'createDraw',
    productId: 'p-mug',
    title: '手作陶瓷杯 首发抽签',
    description: '',
    units: 1,
    waitlistLength: 1,
    opensAt: iso(now - 60_000),
    closesAt: iso(now + 24 * 3_600_000),
    drawAt: iso(now + 24 * 3_600_000 + 600_000),
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    ...over,
    userInfo: { appId: world.emu.context.appId, openId: 'demo-admin' },
  };
  const { result } = await world.emu.invoke('admin', event, { OPENID: 'demo-admin', APPID: world.emu.context.appId, SOURCE: 'wx_client' });
  const answer = result as { ok: boolean; data?: { draw: { id: string } }; error?: unknown };
  assert.ok(answer.ok, `the admin creates the draw (${JSON.stringify(answer.error)})`);
  return answer.data!.draw.id;
}

export const journeys: WeappJourney[] = [
  {
    name: 'join: a new customer opens the app, switches to the 会员中心 tab and joins; the server has them as 未购会员',
    async run(world) {
      const phone = world.phone({ label: 'newcomer' });
      await phone.launch();
      assert.equal(phone.route, 'pages/index/index');
      assert.equal(phone.text('home-tier-name'), '基础用户');
      await phone.tap('member-entry');
      assert.deepEqual(
        phone.calls('switchTab').map((o) => o.url),
        ['/pages/member/index'],
        'the member centre is a tab: switchTab, not navigateTo',
      );
      await joinOnMemberCentre(phone);
      const member = one(world, 'members', { _id: phone.openid });
      assert.equal(member?.tier, 'member');
      assert.ok(member?.joinedAt, 'joinedAt is stored');
      // Back on the home tab (kept alive by WeChat), the new tier shows.
      await phone.tapTab('pages/index/index');
      assert.equal(phone.text('home-tier-name'), '未购会员');
    },
  },
  {
    name: 'buy and pay: 小满 buys beans at the member price, pays in WeChat (requestPayment), lands on the paid order and earns points',
    async run(world) {
      const phone = world.phone({ openid: 'demo-member', label: '小满' });
      const startPoints = one(world, 'members', { _id: 'demo-member' })?.points as number;
      await phone.launch();
      await phone.tap('catalog-entry');
      assert.equal(phone.route, 'pages/catalog/index');
      await phone.tap('product-card-p-yirgacheffe');
      assert.equal(phone.route, 'pages/product/index');
      assert.match(phone.text('product-my-price'), /115\.00/);
      // Two bags, then back to one: the stepper's − loses its handler at 1 (a weapp-only trap).
      await phone.tap('product-qty-plus');
      assert.equal(phone.text('product-qty-value'), '2');
      await phone.tap('product-qty-minus');
      assert.equal(phone.text('product-qty-value'), '1');
      await phone.tap('product-buy');
      assert.equal(phone.route, 'packages/shop/checkout');
      assert.equal(phone.get('checkout').data('data-quoting'), 'false');
      assert.match(phone.text('checkout-points'), /115/);
      await phone.tap('checkout-submit');
      const payments = phone.calls('requestPayment');
      assert.equal(payments.length, 1, 'the order is paid through wx.requestPayment');
      assert.match(payments[0].package, /^prepay_id=/);
      assert.ok(phone.toasts().includes('支付成功'), `toast 支付成功 (saw ${phone.toasts().join(', ')})`);
      // The checkout is replaced by the order's page (redirectTo), which shows it paid.
      assert.equal(phone.route, 'packages/shop/order');
      assert.ok(!phone.stackRoutes.includes('packages/shop/checkout'), `the checkout is gone from the stack (${phone.stackRoutes.join(' > ')})`);
      const orderId = phone.get('order-detail').data('data-order-id')!;
      assert.equal(phone.get('order-status').data('data-status'), 'paid');
      const order = one(world, 'orders', { _id: orderId });
      assert.equal(order?.status, 'paid');
      assert.equal(order?.payFen, 11500);
      // The points come with the payment's effects, applied when WeChat Pay's notification arrives.
      assert.match(phone.text('order-points'), /115/);
      assert.equal(one(world, 'members', { _id: 'demo-member' })?.points, startPoints + 115);
      assert.equal(one(world, 'members', { _id: 'demo-member' })?.tier, 'buyer');
    },
  },
  {
    name: 'redeem a reward: 周周 redeems 满59减10 for 200 points and finds the coupon in 我的券',
    async run(world) {
      const phone = world.phone({ openid: 'demo-repeat', label: '周周' });
      await phone.launch();
      await phone.tapTab('pages/member/index');
      const before = digits(phone.text('points-balance'));
      assert.ok(before >= 200, `the persona has points to spend (saw ${before})`);
      await phone.tap('member-rewards-entry');
      assert.equal(phone.route, 'packages/points/rewards');
      await phone.tap('redeem-r-coupon-10');
      assert.ok(phone.has('redeem-dialog'), 'the confirmation opens');
      assert.equal(digits(phone.text('redeem-cost')), 200);
      await phone.tap('redeem-confirm');
      assert.ok(phone.toasts().includes('兑换成功'), `toast 兑换成功 (saw ${phone.toasts().join(', ')})`);
      assert.equal(digits(phone.text('rewards-balance')), before - 200);
      await phone.tap('rewards-coupons-entry');
      assert.equal(phone.route, 'packages/points/coupons');
      const rows = phone.findAll('coupon-row').map((r) => r.text);
      assert.ok(
        rows.some((r) => r.includes('满59减10')),
        `the coupon is listed (saw ${rows.join(' | ')})`,
      );
      assert.equal(world.emu.db.find({ collection: 'coupons', query: { memberId: 'demo-repeat', rewardId: 'r-coupon-10' }, limit: 10 }).length, 1);
      // The member centre tab reads the balance again when shown.
      await phone.tapTab('pages/member/index');
      assert.equal(digits(phone.text('points-balance')), before - 200);
    },
  },
  {
    name: 'invite card: 周周 shares the invite card (open-type share button); a newcomer opens its path, joins, and the join is attributed to 周周',
    async run(world) {
      const sharer = world.phone({ openid: 'demo-repeat', label: '周周' });
      await sharer.launch();
      await sharer.tapTab('pages/member/index');
      await sharer.tap('member-invite-entry');
      assert.equal(sharer.route, 'packages/invite/index');
      assertShareMenus(sharer);
      assert.equal(sharer.get('invite-share').attr('open-type'), 'share', 'the invite button is a WeChat share button');
      await sharer.tap('invite-share');
      const [card] = sharer.calls('share.appMessage');
      assert.ok(card?.fromPromise, 'the card comes from the promise WeChat waits for');
      const code = /[?&]s=([A-Za-z0-9]{12})(&|$)/.exec(card.path ?? '')?.[1];
      assert.ok(code, `the card's path carries the share code (saw ${card?.path})`);
      assert.match(card.path, /^\/packages\/invite\/index\?/);
      const share = one(world, 'shares', { _id: code });
      assert.deepEqual([share?.sharerId, share?.channel], ['demo-repeat', 'chat']);
      // 分享到朋友圈 gives the plain query at once, the timeline card's code the next time.
      const firstTimeline = await sharer.shareTimeline();
      const secondTimeline = await sharer.shareTimeline();
      assert.match(
        secondTimeline.query ?? '',
        /(^|&)s=[A-Za-z0-9]{12}/,
        `the timeline card carries a code (first ${firstTimeline.query}, then ${secondTimeline.query})`,
      );

      const friend = await openCard(world, card.path, 'newcomer');
      assert.equal(friend.route, 'packages/invite/index');
      assert.ok(friend.has('invite-welcome'), 'a non-member opening the card is welcomed');
      const visits = world.emu.db.find({ collection: 'share_visits', query: { code }, limit: 10 }) as Array<{ visitorId: string }>;
      assert.equal(visits.length, 1, 'the open is recorded as one visit of the card');
      assert.equal(visits[0].visitorId, friend.openid, "the visit is the newcomer's, as WeChat identified them");
      await friend.tap('invite-join');
      await joinOnMemberCentre(friend);
      const referral = one(world, 'referrals', { _id: friend.openid });
      assert.deepEqual([referral?.referrerId, referral?.code, referral?.status], ['demo-repeat', code, 'counted']);
    },
  },
  {
    name: 'a perk that unlocks: 小满 shares a perk card; a newcomer opens it, sees the perk, joins; 小满 claims the perk and gets its coupon',
    async run(world) {
      const sharer = world.phone({ openid: 'demo-member', label: '小满' });
      await sharer.launch('/packages/invite/index');
      const perkCard = () => sharer.findAll('perk-card').find((c) => c.data('data-perk-id') === 'perk-invite-1');
      assert.ok(perkCard(), 'the one-friend perk is listed');
      assert.equal(perkCard()!.data('data-unlocked'), 'false');
      const shareButton = perkCard()!.find('perk-share');
      assert.ok(shareButton, 'the perk has its share button');
      await sharer.tap(shareButton);
      const [card] = sharer.calls('share.appMessage');
      assert.match(card?.path ?? '', /^\/packages\/invite\/index\?perk=perk-invite-1&s=[A-Za-z0-9]{12}$/, `a perk card (saw ${card?.path})`);

      const friend = await openCard(world, card.path, 'newcomer');
      const highlighted = friend.findAll('perk-card').find((c) => c.data('data-highlighted') === 'true');
      assert.equal(highlighted?.data('data-perk-id'), 'perk-invite-1', 'the perk the card was about is shown first');
      await friend.tap('invite-join');
      await joinOnMemberCentre(friend);

      // 小满 comes back to WeChat's chat list and then to the app: 邀请有礼 reads the perks again when shown.
      await sharer.leaveAndReturn();
      const claimable = perkCard();
      assert.equal(claimable?.data('data-claimable'), 'true', 'one friend joined: the perk can be claimed');
      await sharer.tap(claimable!.find('perk-claim')!);
      assert.ok(sharer.toasts().includes('领取成功'), `toast 领取成功 (saw ${sharer.toasts().join(', ')})`);
      assert.equal(perkCard()?.data('data-unlocked'), 'true');
      const coupon = perkCard()!.find('perk-coupon');
      assert.ok(coupon?.data('data-coupon-id'), 'the unlocked perk shows its coupon');
      const unlock = one(world, 'perk_unlocks', { _id: 'perk-invite-1:demo-member' });
      assert.deepEqual(
        [unlock?.couponId, (unlock?.friendIds as string[] | undefined)?.includes(friend.openid)],
        [coupon!.data('data-coupon-id'), true],
        'the unlock is stored with the friend who joined',
      );
    },
  },
  {
    name: 'staff adjusting points: the admin credits 林夕 120 points with a reason; 林夕 sees the balance and the line in 我的积分',
    async run(world) {
      const admin = world.phone({ openid: 'demo-admin', label: '老陈' });
      await admin.launch();
      await admin.tap('admin-entry');
      assert.equal(admin.route, 'packages/admin/index');
      await admin.tap('admin-tool-adjust');
      assert.equal(admin.route, 'packages/admin/adjust');
      await admin.input('adjust-openid', 'demo-buyer');
      await admin.input('adjust-amount', '120');
      await admin.input('adjust-reason', '门店活动补发');
      await admin.tap('adjust-submit');
      assert.ok(admin.has('adjust-confirm-dialog'), 'the confirmation opens');
      await admin.tap('adjust-confirm');
      const balance = Number(admin.get('adjust-result').data('data-balance'));
      assert.ok(balance >= 120, `the new balance is shown (saw ${balance})`);
      assert.equal(one(world, 'members', { _id: 'demo-buyer' })?.points, balance);

      const member = world.phone({ openid: 'demo-buyer', label: '林夕' });
      await member.launch('/pages/member/index');
      assert.equal(digits(member.text('points-balance')), balance);
      await member.tap('member-points-entry');
      assert.equal(member.route, 'packages/points/index');
      const first = member.findAll('points-history-row')[0];
      assert.ok(first, 'the history has lines');
      assert.match(first.text, /客服调整：门店活动补发[\s\S]*\+120/);
    },
  },
  {
    name: 'a draw: 小满 opens 限量抽签 from home, the draw’s page, and enters; WeChat’s subscription prompt is asked inside the tap and the answers go with the entry; the draw card shares with a code',
    async run(world) {
      const drawId = await createOpenDraw(world);
      const phone = world.phone({ openid: 'demo-member', label: '小满', choices: { subscribe: { DEMO_TPL_DRAW_PROMOTED: 'reject' } } });
      await phone.launch();
      await phone.tap('draws-entry');
      assert.equal(phone.route, 'packages/draws/index');
      const card = phone.findAll('draw-card').find((c) => c.data('data-draw-id') === drawId);
      assert.ok(card, 'the open draw is listed');
      assert.equal(card.data('data-phase'), 'open');
      await phone.tap(card);
      assert.equal(phone.route, 'packages/draws/detail');
      assert.equal(phone.text('draw-phase'), '报名中');
      assert.match(phone.text('draw-countdown'), /距报名截止/);
      // Her member price at her step now (an earlier journey may have made her 已购会员).
      const mugPrice: Record<string, string> = { member: '119.00', buyer: '115.00', repeat_buyer: '109.00', koc: '99.00' };
      const tier = String(one(world, 'members', { _id: 'demo-member' })?.tier);
      assert.ok(phone.text('draw-price').includes(mugPrice[tier]), `the price 小满 would pay is her ${tier} price (saw ${phone.text('draw-price')})`);
      assertShareMenus(phone);

      await phone.tap('draw-enter');
      const asked = phone.calls('requestSubscribeMessage');
      assert.equal(asked.length, 1, 'the prompt is asked once, on the tap');
      assert.deepEqual(asked[0]?.tmplIds, ['DEMO_TPL_DRAW_RESULT', 'DEMO_TPL_DRAW_PROMOTED']);
      assert.equal(asked[0]?.inTap, true, 'requestSubscribeMessage runs inside the tap handler (WeChat refuses it otherwise)');
      const entry = one(world, 'draw_entries', { drawId, memberId: 'demo-member' });
      assert.deepEqual([entry?.notify, entry?.notifyPromoted], [true, false], 'the entry records what 小满 accepted');
      assert.equal(phone.get('draw-receipt').data('data-state'), 'entered');
      assert.equal(phone.text('draw-entry-id'), entry?._id, 'the receipt is the entry id');
      assert.equal(phone.text('draw-entry-count'), '1 人');

      const shared = await phone.shareAppMessage();
      assert.ok(shared.fromPromise, 'the card comes from referral.share');
      assert.match(shared.path ?? '', new RegExp(`^/packages/draws/detail\\?id=${drawId}&s=[A-Za-z0-9]{12}$`));
      // A newcomer opens the card: the draw's page, the visit recorded, and joining offered (sharing never adds a chance).
      const friend = await openCard(world, shared.path ?? '', 'newcomer');
      assert.equal(friend.route, 'packages/draws/detail');
      assert.equal(friend.get('draw-enter-refusal').data('data-code'), 'NOT_A_MEMBER');
      assert.ok(friend.has('draw-way-join'), 'a visitor is offered joining');
      const code = /[?&]s=([A-Za-z0-9]{12})/.exec(shared.path ?? '')?.[1];
      assert.equal(world.emu.db.find({ collection: 'share_visits', query: { code }, limit: 10 }).length, 1, 'the open is recorded as a visit of the card');
    },
  },
  {
    name: 'a complaint with a photo: 林夕 opens 吐槽中心 from home, writes, picks a photo (chooseMedia) that goes to cloud storage (wx.cloud.uploadFile), posts — WeChat’s subscription prompt asked inside the tap — and previews the photo on her post',
    async run(world) {
      const text = '随行杯的密封圈有点松，倒过来会渗水，希望能改进一下';
      const phone = world.phone({ openid: 'demo-buyer', label: '林夕', choices: { subscribe: { DEMO_TPL_FEEDBACK_REPLY: 'reject' } } });
      await phone.launch();
      await phone.tap('feedback-entry');
      assert.equal(phone.route, 'packages/feedback/index');
      assert.ok(phone.findAll('feedback-card').length > 0, 'the board shows the published posts');
      await phone.tap('feedback-new');
      assert.equal(phone.route, 'packages/feedback/new');
      await phone.tap('feedback-form-category-product');
      await phone.input('feedback-form-text', text);
      await phone.tap('feedback-form-image-add');
      assert.equal(phone.calls('chooseMedia').length, 1, 'the album is opened once');
      assert.equal(phone.calls('cloud.uploadFile').length, 1, 'the photo goes to cloud storage from the phone');
      const cloudPath = String(phone.calls('cloud.uploadFile')[0]?.cloudPath ?? '');
      assert.match(cloudPath, /^feedback\/[0-9a-f]{16}\/\d{8}-[0-9a-f]{12}\.png$/, `uploaded to the path the server gave (${cloudPath})`);
      assert.equal(phone.get('feedback-form-image').data('data-state'), 'done');

      await phone.tap('feedback-form-submit');
      const asked = phone.calls('requestSubscribeMessage');
      assert.equal(asked.length, 1, 'the prompt is asked once, on the tap');
      assert.deepEqual(asked[0]?.tmplIds, ['DEMO_TPL_FEEDBACK_UPDATE', 'DEMO_TPL_FEEDBACK_REPLY']);
      assert.equal(asked[0]?.inTap, true, 'requestSubscribeMessage runs inside the tap handler');
      assert.equal(phone.get('feedback-posted').data('data-reviewed'), 'true', 'it waits for review');
      const post = one(world, 'feedback_posts', { authorId: 'demo-buyer', text });
      assert.ok(post, 'the post is stored');
      const images = post.images as Doc[];
      assert.equal(images.length, 1);
      assert.ok(String(images[0].fileId).endsWith(cloudPath), 'the post holds the uploaded file');
      const counts = (one(world, 'notify_optins', { _id: 'demo-buyer' })?.counts ?? {}) as Record<string, number>;
      assert.ok((counts.feedback_update ?? 0) >= 1, 'the accepted message is recorded');
      assert.equal(counts.feedback_reply ?? 0, 0, 'the refused one is not');

      // WeChat's image verdict arrives as a push to the events function.
      const delivered = await fetch(`${world.emu.url}/control/openapi/media-check/deliver`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.ok(delivered.status === 200 || delivered.status === 409, `verdicts delivered (or already, automatically): ${delivered.status}`);
      await phone.settle(3000);
      assert.equal((one(world, 'feedback_posts', { _id: post._id })?.images as Doc[])[0].check, 'pass');

      await phone.tap('feedback-posted-mine');
      assert.equal(phone.route, 'packages/feedback/mine');
      const mine = phone.findAll('feedback-mine-item').find((i) => i.data('data-post-id') === post._id);
      assert.ok(mine, 'the post is in 我的反馈');
      assert.equal(mine.data('data-review'), 'pending');
      await phone.tap(mine);
      assert.equal(phone.route, 'packages/feedback/detail');
      await phone.tap('feedback-detail-image');
      const preview = phone.calls('previewImage');
      assert.equal(preview.length, 1, 'tapping the photo previews it');
      assert.equal((preview[0]?.urls as string[]).length, 1);
    },
  },
  {
    name: 'poster to the album: 周周 draws the invite poster on a 2d canvas and saves it, allowing the album when WeChat asks',
    async run(world) {
      const phone = world.phone({ openid: 'demo-repeat', label: '周周', choices: { album: 'unasked', albumPromptAnswer: true } });
      await phone.launch('/packages/invite/index');
      await phone.tap('invite-poster-entry');
      assert.equal(phone.route, 'packages/invite/poster');
      assert.equal(phone.get('poster-canvas').data('data-state'), 'ready', 'the poster is drawn');
      const code = phone.get('poster-page').data('data-code');
      assert.deepEqual([one(world, 'shares', { _id: code })?.sharerId, one(world, 'shares', { _id: code })?.channel], ['demo-repeat', 'poster']);
      await phone.tap('poster-save');
      assert.equal(phone.calls('authorize.prompt').length, 1, 'WeChat asked for the album once');
      assert.equal(phone.calls('saveImageToPhotosAlbum').length, 1, 'the poster went to the album');
      assert.ok(phone.toasts().includes('已保存到相册'), `toast 已保存到相册 (saw ${phone.toasts().join(', ')})`);
    },
  },
];
