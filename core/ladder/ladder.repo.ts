import type { Tier } from '../members/tiers';
import { isDocumentMissing, type Database, type TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import { DEFAULT_LADDER_CONFIG, parseLadderConfig, type LadderConfig } from './ladder.config';
import { emptyFacts, type MemberFactsDoc } from './ladder.facts';

export const SETTINGS = 'settings';
export const LADDER_SETTINGS_ID = 'ladder';
export const MEMBER_FACTS = 'member_facts';
export const TIER_CHANGES = 'tier_changes';

export interface LadderSettings {
  config: LadderConfig;
  /** 0 while the defaults apply; each save adds 1 (optimistic concurrency for staff edits). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** A tier change as recorded (the seed writes the same shape). */
export interface TierChangeRecord {
  memberId: string;
  from: Tier | null;
  to: Tier;
  reason: string;
  at: Date;
  /** What caused the evaluation: a fact kind, or 'nightly'. */
  trigger?: string;
}

/** A point read that treats "missing" as null, inside or outside a transaction. */
export async function getDoc<T>(ref: { get(): Promise<{ data: unknown }> }): Promise<T | null> {
  try {
    const { data } = await ref.get();
    return (data ?? null) as T | null;
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
}

function toSettings(stored: Record<string, unknown> | null): LadderSettings {
  if (!stored) return { config: DEFAULT_LADDER_CONFIG, version: 0, updatedAt: null, updatedBy: null };
  const { periodDays, graceDays, thresholds, benefits } = stored;
  const parsed = parseLadderConfig({ periodDays, graceDays, thresholds, benefits });
  // Saves are validated, so an invalid stored config was edited by hand in the console. Guessing
  // (falling back to defaults) would silently change prices and points; stop loudly instead.
  if (!parsed.ok) throw new Error(`settings/${LADDER_SETTINGS_ID} is invalid: ${parsed.error.message}`);
  return {
    config: parsed.data,
    version: Number(stored.version ?? 0),
    updatedAt: stored.updatedAt ? new Date(stored.updatedAt as string) : null,
    updatedBy: (stored.updatedBy as string | undefined) ?? null,
  };
}

export async function loadLadderSettings(db: Database): Promise<LadderSettings> {
  return toSettings(await getDoc(db.collection(SETTINGS).doc(LADDER_SETTINGS_ID)));
}

/** The ladder configuration other areas read (defaults until staff save their own). */
export async function loadLadderConfig(db: Database): Promise<LadderConfig> {
  return (await loadLadderSettings(db)).config;
}

/**
 * Saves a validated configuration. With `expectedVersion`, a save based on an older version is
 * refused (two staff editing at once do not silently overwrite each other).
 */
export async function saveLadderConfig(
  tx: TransactionDb,
  config: LadderConfig,
  by: string,
  at: Date,
  expectedVersion: number | undefined,
): Promise<Result<{ version: number }, 'CONFLICT'>> {
  const current = toSettings(await getDoc(tx.collection(SETTINGS).doc(LADDER_SETTINGS_ID)));
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `等级配置已被他人修改（当前版本 ${current.version}），请刷新后重试`);
  }
  const version = current.version + 1;
  await tx.collection(SETTINGS).doc(LADDER_SETTINGS_ID).set({ data: { ...config, version, updatedAt: at, updatedBy: by } });
  return ok({ version });
}

export async function readMemberFacts(ref: { doc(id: string): { get(): Promise<{ data: unknown }> } }, memberId: string): Promise<MemberFactsDoc> {
  const stored = await getDoc<MemberFactsDoc>(ref.doc(memberId));
  return stored ? { ...emptyFacts(memberId), ...stored, _id: memberId } : emptyFacts(memberId);
}

/** Facts of a page of members in one query (ids absent from the result have no facts yet). */
export async function findFactsFor(db: Database, memberIds: string[]): Promise<Map<string, MemberFactsDoc>> {
  if (memberIds.length === 0) return new Map();
  const { data } = await db
    .collection(MEMBER_FACTS)
    .where({ _id: db.command.in(memberIds) })
    .limit(memberIds.length)
    .get();
  return new Map((data as MemberFactsDoc[]).map((d) => [d._id, { ...emptyFacts(d._id), ...d }]));
}

export async function writeMemberFacts(tx: TransactionDb, doc: MemberFactsDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await tx.collection(MEMBER_FACTS).doc(_id).set({ data: { ...rest } });
}

export async function addTierChange(tx: TransactionDb, record: TierChangeRecord): Promise<void> {
  await tx.collection(TIER_CHANGES).add({ data: { ...record } });
}
