/**
 * Sharded stock. A reward's remaining stock is the sum of its `reward_stock` shards.
 *
 * A redemption takes its unit with ONE conditional update outside any transaction: "if this shard
 * has a unit and no hold for this request, take one and record the hold" — atomic on one
 * document, so it can never oversell, and it never conflicts: concurrent takers of one shard are
 * applied one after the other, each either gets a unit or finds the shard empty. The hold is then
 * settled (marker dropped, unit stays sold) or released (unit given back), each again one
 * conditional update that applies at most once. No transaction ever writes a shard except a
 * restock, so redemptions of one reward never conflict with each other.
 */
import { readOrNull, type Database, type TransactionDb } from '../platform/database';
import { REWARD_STOCK, type StockShardDoc, type UnitHold } from './rewards.model';
import { distributeStock, shardCountFor, shardId } from './rewards.rules';

export interface ShardView {
  index: number;
  remaining: number;
  /** The hold this request has on the shard, if any. */
  hold: UnitHold | null;
}

const holdPath = (field: string) => `holds.${field}`;

/**
 * Every shard of these rewards in one query (at most 100 rewards x 10 shards = WeChat's 1000-row
 * maximum), summed per reward. Outside a transaction this is a moment's picture: good for display
 * and for choosing a shard, never for deciding a sale.
 */
export async function readStock(db: Database, rewardIds: string[]): Promise<Map<string, Array<{ index: number; remaining: number }>>> {
  const byReward = new Map<string, Array<{ index: number; remaining: number }>>(rewardIds.map((id) => [id, []]));
  if (rewardIds.length === 0) return byReward;
  const { data } = await db
    .collection(REWARD_STOCK)
    .where({ rewardId: db.command.in(rewardIds) })
    .field({ rewardId: true, index: true, remaining: true })
    .limit(1000)
    .get();
  for (const s of data as StockShardDoc[]) byReward.get(s.rewardId)?.push({ index: s.index, remaining: s.remaining });
  return byReward;
}

export function sumRemaining(shards: Array<{ remaining: number }> | undefined): number {
  return (shards ?? []).reduce((n, s) => n + Math.max(0, s.remaining), 0);
}

/** Every shard of one reward with just what a redemption needs: remaining units, and this request's hold. One query. */
export async function readShards(db: Database, rewardId: string, field: string): Promise<ShardView[]> {
  const { data } = await db
    .collection(REWARD_STOCK)
    .where({ rewardId })
    .field({ index: true, remaining: true, [holdPath(field)]: true })
    .limit(100)
    .get();
  return (data as StockShardDoc[]).map((s) => ({ index: s.index, remaining: s.remaining, hold: s.holds?.[field] ?? null }));
}

/** Takes one unit from the shard for this request, recording the hold in the same update. True when taken. */
export async function takeUnit(db: Database, rewardId: string, index: number, field: string, hold: UnitHold): Promise<boolean> {
  const _ = db.command;
  const { stats } = await db
    .collection(REWARD_STOCK)
    .where({ _id: shardId(rewardId, index), remaining: _.gt(0), [holdPath(field)]: _.exists(false) })
    .update({ data: { remaining: _.inc(-1), held: _.inc(1), [holdPath(field)]: _.set(hold), updatedAt: hold.at } });
  return stats.updated === 1;
}

/**
 * A retry of the request takes over the unit its earlier call held (that call crashed, or is
 * still running past the caller's timeout). True when this invocation now owns it; false when it
 * was settled, released or taken over by someone else meanwhile.
 */
export async function adoptHold(db: Database, rewardId: string, index: number, field: string, from: string, to: string): Promise<boolean> {
  const { stats } = await db
    .collection(REWARD_STOCK)
    .where({ _id: shardId(rewardId, index), [`${holdPath(field)}.owner`]: from })
    .update({ data: { [`${holdPath(field)}.owner`]: to } });
  return stats.updated === 1;
}

/** The redemption that used hold `id` committed: drop the marker, the unit stays sold. Idempotent. */
export async function settleHold(db: Database, rewardId: string, index: number, field: string, id: string): Promise<boolean> {
  const _ = db.command;
  const { stats } = await db
    .collection(REWARD_STOCK)
    .where({ _id: shardId(rewardId, index), [`${holdPath(field)}.id`]: id })
    .update({ data: { [holdPath(field)]: _.remove(), held: _.inc(-1) } });
  return stats.updated === 1;
}

/**
 * Gives a held unit back. `owner`: only while this invocation still owns it (it knows its own
 * transaction did not commit; a retry that took the unit over decides for itself). `id`: whoever
 * owns it, for a hold that nothing can use any more (its request has another outcome). Idempotent.
 */
export async function releaseHold(db: Database, rewardId: string, index: number, field: string, who: { owner: string } | { id: string }): Promise<boolean> {
  const _ = db.command;
  const match = 'owner' in who ? { [`${holdPath(field)}.owner`]: who.owner } : { [`${holdPath(field)}.id`]: who.id };
  const { stats } = await db
    .collection(REWARD_STOCK)
    .where({ _id: shardId(rewardId, index), ...match })
    .update({ data: { remaining: _.inc(1), held: _.inc(-1), [holdPath(field)]: _.remove() } });
  return stats.updated === 1;
}

/** Shards that hold units for unfinished redemptions (the holds job's work list). */
export async function shardsWithHolds(db: Database, limit: number): Promise<StockShardDoc[]> {
  return (
    await db
      .collection(REWARD_STOCK)
      .where({ held: db.command.gt(0) })
      .limit(limit)
      .get()
  ).data as StockShardDoc[];
}

/**
 * Sets a reward's remaining stock to `stock`, re-choosing the number of shards, inside the
 * caller's transaction. Shards beyond the new count are zeroed rather than removed (invariant:
 * every shard at or past `stockShards` holds 0), so a redemption that read the old count can never
 * find a unit there. Holds are kept: they are units already taken, settled or given back later.
 * Returns the new count.
 */
export async function setStock(tx: TransactionDb, rewardId: string, previousShards: number, stock: number, at: Date): Promise<number> {
  const n = shardCountFor(stock);
  const values = distributeStock(stock, n);
  for (let index = 0; index < Math.max(n, previousShards); index++) {
    const ref = tx.collection(REWARD_STOCK).doc(shardId(rewardId, index));
    const current = await readOrNull<StockShardDoc>(ref);
    const data: Omit<StockShardDoc, '_id'> = {
      rewardId,
      index,
      remaining: values[index] ?? 0,
      holds: current?.holds ?? {},
      held: current?.held ?? 0,
      updatedAt: at,
    };
    await ref.set({ data: { ...data } });
  }
  return n;
}
