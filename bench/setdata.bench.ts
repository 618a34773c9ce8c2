/**
 * npm run bench:setdata — what every page of the weapp build sends through setData (the bridge
 * between WeChat's logic and view layers): for its first render and for a typical interaction,
 * the number of calls and their bytes, and the largest single payload. Runs dist/ in the weapp
 * harness (tests/weapp) against the seeded demo brand. Budget: no payload above 64 KB (WeChat
 * refuses 256 KB and slows down long before). Exit 1 when a payload is over budget or a page
 * fails to render. `--json <file>` also writes the figures. Counts and bytes, never timings.
 */
import { writeFileSync } from 'node:fs';
import type { Phone } from '../tests/weapp/phone';
import { ensureFunctionsBuild, ensureWeappBuild } from '../tests/weapp/weapp-build';
import { startWeappWorld } from '../tests/weapp/world';

const BUDGET_BYTES = 64 * 1024;
const WECHAT_LIMIT_BYTES = 256 * 1024;

interface PageSpec {
  route: string;
  /** The persona whose phone opens it (a demo OPENID). */
  persona: string;
  /** How the page is reached; by default the app opens on `url`. */
  open: (phone: Phone) => Promise<void>;
  interaction: { what: string; run: (phone: Phone) => Promise<void> };
}

const launch = (url: string) => (phone: Phone) => phone.launch(url);
const tap = (testId: string) => ({ what: `tap ${testId}`, run: (phone: Phone) => phone.tap(testId) });
const type = (testId: string, value: string) => ({ what: `type ${testId}`, run: (phone: Phone) => phone.input(testId, value) });
const shownAgain = { what: 'shown again (onShow)', run: (phone: Phone) => phone.leaveAndReturn() };

function page(route: string, persona: string, interaction: PageSpec['interaction'], query = '', open?: PageSpec['open']): PageSpec {
  return { route, persona, open: open ?? launch(`/${route}${query ? `?${query}` : ''}`), interaction };
}

/** Every page of app.json, each with the person who would use it and what they typically do there. */
const PAGES: PageSpec[] = [
  page('pages/index/index', 'demo-member', {
    what: 'back from the 会员中心 tab',
    run: async (p) => {
      await p.tapTab('pages/member/index');
      await p.tapTab('pages/index/index');
    },
  }),
  page('pages/member/index', 'demo-visitor', tap('terms-checkbox')),
  page('pages/catalog/index', 'demo-member', shownAgain),
  page('pages/product/index', 'demo-member', tap('product-qty-plus'), 'id=p-yirgacheffe'),
  page('packages/draws/index', 'demo-member', shownAgain),
  // The demo's drawn draw: 阿杰 is first on its waitlist; the verify page recomputes it in the page.
  page('packages/draws/detail', 'demo-koc', shownAgain, 'id=draw_5ea11d0a0001'),
  page('packages/draws/mine', 'demo-repeat', shownAgain),
  page('packages/draws/verify', 'demo-koc', tap('verify-run'), 'id=draw_5ea11d0a0001'),
  page('packages/feedback/index', 'demo-member', tap('feedback-sort-votes')),
  page('packages/feedback/detail', 'demo-member', tap('feedback-vote'), 'id=fb_5eed00000006'),
  page('packages/feedback/new', 'demo-member', tap('feedback-form-category-suggestion')),
  page('packages/feedback/mine', 'demo-m06', shownAgain),
  page('packages/invite/index', 'demo-repeat', tap('invite-share')),
  page('packages/invite/influence', 'demo-koc', shownAgain),
  page('packages/invite/poster', 'demo-repeat', tap('poster-save')),
  page('packages/admin/index', 'demo-admin', tap('audit-filter-changes')),
  page('packages/admin/adjust', 'demo-admin', type('adjust-amount', '120')),
  page('packages/admin/ladder', 'demo-admin', type('ladder-periodDays', '90')),
  page('packages/admin/rewards', 'demo-admin', tap('reward-edit-r-coupon-10')),
  page('packages/admin/products', 'demo-admin', tap('product-edit-p-yirgacheffe')),
  page('packages/admin/orders', 'demo-admin', tap('admin-orders-tab-paid')),
  page('packages/admin/refunds', 'demo-admin', tap('admin-refunds-tab-all')),
  page('packages/admin/koc', 'demo-admin', tap('admin-koc-period-7')),
  page('packages/admin/flags', 'demo-admin', shownAgain),
  page('packages/admin/referral-settings', 'demo-admin', type('referral-settings-holdDays', '10')),
  page('packages/admin/perks', 'demo-admin', tap('admin-perk-edit')),
  page('packages/admin/draws', 'demo-admin', shownAgain),
  page('packages/admin/feedback', 'demo-admin', tap('admin-feedback-tab-board')),
  page('packages/admin/feedback-post', 'demo-admin', shownAgain, 'id=fb_5eed00000006'),
  page('packages/points/index', 'demo-repeat', shownAgain),
  page('packages/points/rewards', 'demo-repeat', tap('redeem-r-coupon-10')),
  page('packages/points/coupons', 'demo-repeat', tap('coupons-tab-expired')),
  page('packages/points/ladder', 'demo-repeat', shownAgain),
  // The cart is on the device: put a product in it first, then open it from the product page.
  page('packages/shop/cart', 'demo-member', tap('cart-qty-plus'), '', async (phone) => {
    await phone.launch('/pages/product/index?id=p-drip-bags');
    await phone.tap('product-add-to-cart');
    await phone.tap('product-cart-entry');
  }),
  page('packages/shop/checkout', 'demo-member', tap('checkout-qty-plus'), 'buy=p-yirgacheffe&qty=1'),
  page('packages/shop/orders', 'demo-repeat', tap('orders-tab-paid')),
  // An order just paid (within its refund window): bought on the product page, paid with requestPayment.
  page('packages/shop/order', 'demo-member', tap('order-refund'), '', async (phone) => {
    await phone.launch('/pages/product/index?id=p-cold-brew');
    await phone.tap('product-buy');
    await phone.tap('checkout-submit');
  }),
];

interface Row {
  route: string;
  persona: string;
  firstCalls: number;
  firstBytes: number;
  interaction: string;
  interactionCalls: number;
  interactionBytes: number;
  largest: number;
  problems: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const jsonAt = process.argv.indexOf('--json');
  const jsonFile = jsonAt > -1 ? process.argv[jsonAt + 1] : null;
  ensureWeappBuild();
  await ensureFunctionsBuild();
  const world = await startWeappWorld();
  const listed = new Set(PAGES.map((p) => p.route));
  const missing = [...world.phone({ label: 'routes' }).mp.routes].filter((r) => !listed.has(r));
  const rows: Row[] = [];
  for (const spec of PAGES) {
    const phone = world.phone({ openid: spec.persona, label: spec.persona });
    const problems: string[] = [];
    let firstCalls = 0;
    let firstBytes = 0;
    let interactionCalls = 0;
    let interactionBytes = 0;
    let largest = 0;
    try {
      await spec.open(phone);
      if (phone.route !== spec.route) throw new Error(`opened ${phone.route}, not ${spec.route}`);
      const pageId = phone.page.__pageId;
      const ofPage = (from: number) => phone.mp.setDataLog.slice(from).filter((r) => r.pageId === pageId);
      const first = ofPage(0);
      firstCalls = first.length;
      firstBytes = first.reduce((n, r) => n + r.bytes, 0);
      const mark = phone.mp.setDataLog.length;
      await spec.interaction.run(phone);
      const after = ofPage(mark);
      interactionCalls = after.length;
      interactionBytes = after.reduce((n, r) => n + r.bytes, 0);
      largest = Math.max(0, ...first.map((r) => r.bytes), ...after.map((r) => r.bytes));
    } catch (e) {
      problems.push((e as Error).message.split('\n')[0]);
    }
    problems.push(...phone.problems.map((p) => `[${p.kind}] ${p.message.split('\n')[0]}`));
    rows.push({
      route: spec.route,
      persona: spec.persona,
      firstCalls,
      firstBytes,
      interaction: spec.interaction.what,
      interactionCalls,
      interactionBytes,
      largest,
      problems,
    });
    phone.close();
  }
  await world.close();

  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const padL = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\nsetData per page of the weapp build (budget: no payload above ${kb(BUDGET_BYTES)}; WeChat's limit ${kb(WECHAT_LIMIT_BYTES)})\n`);
  console.log(
    `${pad('page', 36)}${pad('as', 14)}${padL('first render', 20)}   ${pad('typical interaction', 42)}${padL('calls, bytes', 18)}${padL('largest', 11)}`,
  );
  for (const r of rows) {
    const over = r.largest > BUDGET_BYTES ? '  OVER BUDGET' : '';
    console.log(
      `${pad(r.route, 36)}${pad(r.persona, 14)}${padL(`${r.firstCalls} × ${kb(r.firstBytes)}`, 20)}   ${pad(r.interaction, 42)}${padL(`${r.interactionCalls} × ${kb(r.interactionBytes)}`, 18)}${padL(kb(r.largest), 11)}${over}`,
    );
    for (const p of r.problems) console.log(`    ✕ ${p}`);
  }
  const heaviest = rows.reduce((a, b) => (b.firstBytes > a.firstBytes ? b : a));
  const largest = rows.reduce((a, b) => (b.largest > a.largest ? b : a));
  const totalFirst = rows.reduce((n, r) => n + r.firstBytes, 0);
  console.log(`\nheaviest page: ${heaviest.route} (first render ${heaviest.firstCalls} setData, ${kb(heaviest.firstBytes)})`);
  console.log(
    `largest single payload: ${kb(largest.largest)} on ${largest.route} (${((largest.largest / BUDGET_BYTES) * 100).toFixed(0)}% of the budget, ${((largest.largest / WECHAT_LIMIT_BYTES) * 100).toFixed(0)}% of WeChat's limit)`,
  );
  console.log(`${rows.length} pages, first renders ${kb(totalFirst)} in all`);

  const failures = [
    ...rows.filter((r) => r.largest > BUDGET_BYTES).map((r) => `${r.route}: a payload of ${kb(r.largest)} is over ${kb(BUDGET_BYTES)}`),
    ...rows.filter((r) => r.problems.length).map((r) => `${r.route}: ${r.problems.length} problem(s)`),
    ...missing.map((route) => `${route} is in app.json but has no entry in bench/setdata.bench.ts`),
  ];
  if (jsonFile)
    writeFileSync(
      jsonFile,
      JSON.stringify(
        { budgetBytes: BUDGET_BYTES, pages: rows, heaviest: heaviest.route, largest: { route: largest.route, bytes: largest.largest }, failures },
        null,
        2,
      ),
    );
  if (failures.length) {
    console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nall payloads within budget');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
