/**
 * Draws as members see them: the list with countdowns (server time), a draw's detail with whether
 * they may enter and why not in words, entering with one tap, 我的抽签, and the published proof.
 *
 * Entering is one read of the member, one of the draw and one insert whose id the database keeps
 * unique: nothing else is written, so a burst of 10,000 entrants never meets on one document.
 */
import { z } from 'zod';
import { findProduct } from '../catalog/catalog.repo';
import { shortfallToward } from '../ladder/ladder.usecases';
import { findMember } from '../members/member.repo';
import type { Member } from '../members/member.rules';
import { tierRank } from '../members/tiers';
import { ordersByIds } from '../orders/orders.repo';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { emptyInput } from '../platform/inputs';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { entryIdFor, ENTRY_ID_PATTERN } from './draw-fairness.rules';
import { entryRefusal, type EntryRefusal } from './draw.rules';
import type { DrawsResult } from './draws.errors';
import type { DrawDoc, DrawProof, DrawView, EntryDoc, MyEntryView } from './draws.model';
import {
  countEntries,
  entriesOfMember,
  entryIdsAfter,
  findDraw,
  findDraws,
  findEntries,
  findEntry,
  insertEntry,
  listDraws,
  rankedEntries,
  countWaitingBefore,
} from './draws.repo';
import { toDrawProof, toDrawView, toMyEntryView } from './draws.views';

const drawId = z.string().regex(/^draw_[0-9a-f]{12}$/, '抽签编号格式有误');

export const drawsListInput = emptyInput;
export const drawIdInput = z.object({ drawId }).strict();
export const enterDrawInput = z
  .object({
    drawId,
    /** The member accepted the result message on the tap that entered (requestSubscribeMessage). */
    notify: z.boolean().default(false),
    /** ... and the waitlist-promotion message. */
    notifyPromoted: z.boolean().default(false),
  })
  .strict();
export const proofEntriesInput = z.object({ drawId, after: z.string().regex(ENTRY_ID_PATTERN, '分页参数有误').optional() }).strict();
export const myEntriesInput = emptyInput;

/** Published entry ids per call: 5 pages of 1,000 (about 130 KB, well inside a function's answer). */
const PROOF_PAGE_READS = 5;
const MY_ENTRIES_LIMIT = 50;

export interface DrawListItem extends DrawView {
  entered: boolean;
}

/** Draws members can see (cancelled ones stay in 我的抽签 of those who entered), with whether the caller entered each. */
export async function drawsList(ctx: ActionContext): Promise<DrawsResult<{ draws: DrawListItem[] }>> {
  const at = now();
  const draws = await listDraws(ctx.db, ['scheduled', 'drawing', 'drawn', 'finished']);
  const mine = new Set(
    (
      await findEntries(
        ctx.db,
        draws.map((d) => entryIdFor(d._id, ctx.caller.openid)),
      )
    ).map((e) => e.drawId),
  );
  return ok({ draws: draws.map((d) => ({ ...toDrawView(d, null, null, null, at), entered: mine.has(d._id) })) });
}

export interface DrawDetail {
  draw: DrawView;
  myEntry: MyEntryView | null;
  /** Whether the caller may enter now, and why not in words. */
  canEnter: boolean;
  refusal: EntryRefusal | null;
}

export async function drawDetail(ctx: ActionContext, input: { drawId: string }): Promise<DrawsResult<DrawDetail, 'NOT_FOUND'>> {
  const at = now();
  const [draw, member, entry] = await Promise.all([
    findDraw(ctx.db, input.drawId),
    findMember(ctx.db, ctx.caller.openid),
    findEntry(ctx.db, entryIdFor(input.drawId, ctx.caller.openid)),
  ]);
  // A cancelled draw is shown to those who entered it (我的抽签), not to new visitors.
  if (!draw || (draw.status === 'cancelled' && !entry)) return fail('NOT_FOUND', '抽签不存在或已结束');
  const [product, entryCount] = await Promise.all([findProduct(ctx.db, draw.productId), countEntries(ctx.db, draw._id)]);
  const refusal = entry ? null : await refusalFor(ctx.db, draw, member, at);
  return ok({
    draw: toDrawView(draw, product, member?.joinedAt ? member.tier : null, entryCount, at),
    myEntry: entry ? await myEntryView(ctx.db, entry, draw) : null,
    canEnter: !entry && refusal === null,
    refusal,
  });
}

async function refusalFor(db: Database, draw: DrawDoc, member: Member | null, at: Date): Promise<EntryRefusal | null> {
  const lowTier = member?.joinedAt && tierRank(member.tier) < tierRank(draw.minTier);
  const shortfall = lowTier && member ? await shortfallToward(db, member, draw.minTier, at) : null;
  return entryRefusal(draw, member, shortfall, at);
}

/**
 * One entry per member: the insert's id is derived from draw and member, so a second tap, a retry
 * or a second device lands on DRAW_ALREADY_ENTERED and changes nothing. Refused entries write nothing.
 */
export async function enterDraw(
  ctx: ActionContext,
  input: z.infer<typeof enterDrawInput>,
): Promise<DrawsResult<{ entry: MyEntryView }, 'NOT_FOUND' | 'NOT_A_MEMBER' | 'DRAW_NOT_OPEN' | 'DRAW_NOT_ELIGIBLE' | 'DRAW_ALREADY_ENTERED'>> {
  const at = now();
  const [member, draw] = await Promise.all([findMember(ctx.db, ctx.caller.openid), findDraw(ctx.db, input.drawId)]);
  if (!draw) return fail('NOT_FOUND', '抽签不存在或已结束');
  const refusal = await refusalFor(ctx.db, draw, member, at);
  if (refusal) return fail(refusal.code, refusal.message);
  const entry: EntryDoc = {
    _id: entryIdFor(draw._id, member!._id),
    drawId: draw._id,
    memberId: member!._id,
    tier: member!.tier,
    enteredAt: at,
    notify: input.notify,
    notifyPromoted: input.notifyPromoted,
    outcome: null,
    rank: null,
    orderId: null,
    outcomeAt: null,
  };
  if ((await insertEntry(ctx.db, entry)) === 'duplicate') return fail('DRAW_ALREADY_ENTERED', '你已报名本次抽签，请等待开奖');
  return ok({ entry: toMyEntryView(entry, draw, null, null) });
}

/** 我的抽签: each entry's state (entered, won: pay by …, waitlist #n, not drawn, forfeited, cancelled). */
export async function myEntries(ctx: ActionContext): Promise<DrawsResult<{ entries: MyEntryView[] }>> {
  const entries = await entriesOfMember(ctx.db, ctx.caller.openid, MY_ENTRIES_LIMIT);
  const draws = new Map((await findDraws(ctx.db, [...new Set(entries.map((e) => e.drawId))])).map((d) => [d._id, d]));
  const orders = await ordersByIds(
    ctx.db,
    entries.flatMap((e) => (e.orderId ? [e.orderId] : [])),
  );
  const views = await Promise.all(
    entries.flatMap((e) => {
      const d = draws.get(e.drawId);
      return d ? [myEntryView(ctx.db, e, d, orders)] : [];
    }),
  );
  return ok({ entries: views });
}

async function myEntryView(db: Database, e: EntryDoc, d: DrawDoc, known?: Map<string, { status: string; expiresAt: Date }>): Promise<MyEntryView> {
  const order = e.orderId ? (known?.get(e.orderId) ?? (await ordersByIds(db, [e.orderId])).get(e.orderId) ?? null) : null;
  const ahead = e.outcome === 'waitlist' && d.status === 'drawn' ? await waitlistPlace(db, e) : null;
  return toMyEntryView(e, d, order ? { paid: order.status === 'paid' || order.status === 'refunded', expiresAt: order.expiresAt } : null, ahead);
}

/** 1 = next to be promoted: waitlisted entries ranked before this one, plus one. */
async function waitlistPlace(db: Database, e: EntryDoc): Promise<number> {
  return (await countWaitingBefore(db, e.drawId, e.rank ?? 0)) + 1;
}

/** The published proof of a drawn draw: commitment, seed, digest, final seed, winners and waitlist. Anyone may read it. */
export async function drawProof(ctx: ActionContext, input: { drawId: string }): Promise<DrawsResult<{ proof: DrawProof }, 'NOT_FOUND' | 'DRAW_NOT_DRAWN'>> {
  const draw = await findDraw(ctx.db, input.drawId);
  if (!draw || draw.status === 'cancelled') return fail('NOT_FOUND', '抽签不存在或已取消');
  const proof = toDrawProof(draw, await rankedEntries(ctx.db, draw._id));
  if (!proof) return fail('DRAW_NOT_DRAWN', '尚未开奖，开奖后可查看与验证结果');
  return ok({ proof });
}

/** The published entry ids of a drawn draw, in ascending order, page by page (the verify page downloads them all). */
export async function drawProofEntries(
  ctx: ActionContext,
  input: z.infer<typeof proofEntriesInput>,
): Promise<DrawsResult<{ entryIds: string[]; next: string | null }, 'NOT_FOUND' | 'DRAW_NOT_DRAWN'>> {
  const draw = await findDraw(ctx.db, input.drawId);
  if (!draw || draw.status === 'cancelled') return fail('NOT_FOUND', '抽签不存在或已取消');
  if (!draw.reveal) return fail('DRAW_NOT_DRAWN', '尚未开奖，开奖后可查看与验证结果');
  const ids: string[] = [];
  let after = input.after ?? null;
  for (let read = 0; read < PROOF_PAGE_READS; read++) {
    const page = await entryIdsAfter(ctx.db, draw._id, after);
    ids.push(...page);
    if (page.length < 1000) return ok({ entryIds: ids, next: null });
    after = page[page.length - 1];
  }
  return ok({ entryIds: ids, next: after });
}
