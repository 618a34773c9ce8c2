/**
 * Sharded stock, inside a caller's transaction (doc() reads and writes only). A reward's remaining
 * stock is the sum of its `reward_stock` shards; a redemption takes one unit from one shard, so
 * concurrent redemptions of the same reward write different documents and no single document is
 * written by every redemption. Overselling is impossible because the unit is taken by a write to
 * the shard that was read in the same transaction: a concurrent write to that shard makes one of
 * the two transactions conflict and retry against fresh data.
 */
import type { TransactionDb } from '../platform/database';
import { readOrNull } from '../points/points.repo';
import { REWARD_STOCK, type StockShardDoc } from './rewards.model';
import { distributeStock, shardCountFor, shardId } from './rewards.rules';

/** The first shard, in `order`, that still holds a unit as this transaction sees it; null when all are empty. */
export async function findUnit(tx: TransactionDb, rewardId: string, order: number[]): Promise<{ index: number; remaining: number } | null> {
  for (const index of order) {
    const shard = await readOrNull<StockShardDoc>(tx.collection(REWARD_STOCK).doc(shardId(rewardId, index)));
    if (shard && shard.remaining > 0) return { index, remaining: shard.remaining };
  }
  return null;
}

/** Takes the unit `findUnit` found. An absolute value, not an increment: the read it comes from is what the conflict check protects. */
export async function takeUnit(tx: TransactionDb, rewardId: string, unit: { index: number; remaining: number }, at: Date): Promise<void> {
  await tx.collection(REWARD_STOCK).doc(shardId(rewardId, unit.index)).update({ data: { remaining: unit.remaining - 1, updatedAt: at } });
}

/**
 * Sets a reward's remaining stock to `stock`, re-choosing the number of shards. Shards beyond the
 * new count are zeroed rather than removed (invariant: every shard at or past `stockShards` holds
 * 0), so a redemption that read the old count can never find a unit there. Returns the new count.
 */
export async function setStock(tx: TransactionDb, rewardId: string, previousShards: number, stock: number, at: Date): Promise<number> {
  const n = shardCountFor(stock);
  const values = distributeStock(stock, n);
  for (let index = 0; index < Math.max(n, previousShards); index++) {
    const data: Omit<StockShardDoc, '_id'> = { rewardId, index, remaining: values[index] ?? 0, updatedAt: at };
    await tx.collection(REWARD_STOCK).doc(shardId(rewardId, index)).set({ data: { ...data } });
  }
  return n;
}
