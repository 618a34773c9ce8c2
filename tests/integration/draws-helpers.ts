/** Shared set-up for the draws suites: a product, an admin, members, a draw, and the draws timer. */
import type { Database } from '../../core/platform/database';
import type { Tier } from '../../core/members/tiers';
import { fireTimer } from './orders-helpers';
import type { ProductEmulator } from './product-emulator';
import { memberWithPoints, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export const draws = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('draws', openid, event);

/** The draws timer and any other, fired now on the emulator's clock. */
export const fireDraws = (p: ProductEmulator) => fireTimer(p, 'draws');
export const fireJob = fireTimer;

/** What the emulator's WeChat delivered to `touser` as subscription messages. */
export async function outbox(p: ProductEmulator, touser: string): Promise<any[]> {
  const res = await fetch(`${p.emu.url}/control/outbox?touser=${encodeURIComponent(touser)}`);
  return ((await res.json()) as { messages: any[] }).messages;
}

/** Members joined long enough ago for any draw, `n` at a time through the SDK. */
export async function members(db: Database, ids: string[], tier: Tier = 'member', joinedDaysAgo = 400): Promise<void> {
  const joinedAt = new Date(Date.now() - joinedDaysAgo * DAY);
  for (let i = 0; i < ids.length; i += 100) {
    await Promise.all(
      ids.slice(i, i + 100).map((id) =>
        db
          .collection('members')
          .doc(id)
          .set({
            data: { nickname: id, avatarUrl: '', tier, points: 0, joinedAt, phone: null, termsVersion: '2026-11', createdAt: joinedAt, updatedAt: joinedAt },
          }),
      ),
    );
  }
}

export async function drawSetup(p: ProductEmulator, db: Database, tag: string, stock = 20): Promise<{ admin: string; productId: string }> {
  const admin = `o-${tag}-admin`;
  await staff(db, admin, 'admin');
  const productId = `p-${tag}`;
  await putProduct(db, productId, beans({ name: '限量版手冲壶', stock }));
  return { admin, productId };
}

/** A draw opening now and closing in an hour, drawn right after; `over` changes any field. */
export async function createDraw(p: ProductEmulator, admin: string, productId: string, over: Record<string, unknown> = {}): Promise<any> {
  const t = p.emu.clock.now();
  const res = await p.call('admin', admin, {
    action: 'createDraw',
    productId,
    title: '限量手冲壶抽签',
    description: '限量发售',
    units: 3,
    waitlistLength: 2,
    opensAt: new Date(t).toISOString(),
    closesAt: new Date(t + HOUR).toISOString(),
    drawAt: new Date(t + HOUR).toISOString(),
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    ...over,
  });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data.draw;
}

export { memberWithPoints };
