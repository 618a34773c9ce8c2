import type { Tier } from '../members/tiers';
import { readOrNull, type Database, type TransactionDb } from '../platform/database';
import { versionedSettings, type VersionedSettings } from '../platform/settings.repo';
import { DEFAULT_LADDER_CONFIG, parseLadderConfig, type LadderConfig } from './ladder.config';
import { emptyFacts, type MemberFactsDoc } from './ladder.facts';

export const LADDER_SETTINGS_ID = 'ladder';
export const MEMBER_FACTS = 'member_facts';
export const TIER_CHANGES = 'tier_changes';

/** `settings/ladder`: the ladder's configuration as staff saved it, versioned (defaults until then). */
export const ladderSettings = versionedSettings({
  id: LADDER_SETTINGS_ID,
  defaults: DEFAULT_LADDER_CONFIG,
  parse: parseLadderConfig,
  conflictMessage: (version) => `等级配置已被他人修改（当前版本 ${version}），请刷新后重试`,
});

export type LadderSettings = VersionedSettings<LadderConfig>;
export const loadLadderSettings = ladderSettings.load;
/** The ladder configuration other areas read (defaults until staff save their own). */
export const loadLadderConfig = ladderSettings.loadConfig;

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

/** A member's stored facts (empty ones when none are stored yet), inside a transaction or not. */
export async function readMemberFacts(db: TransactionDb, memberId: string): Promise<MemberFactsDoc> {
  const stored = await readOrNull<MemberFactsDoc>(db.collection(MEMBER_FACTS).doc(memberId));
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
  await tx
    .collection(MEMBER_FACTS)
    .doc(_id)
    .set({ data: { ...rest } });
}

export async function addTierChange(tx: TransactionDb, record: TierChangeRecord): Promise<void> {
  await tx.collection(TIER_CHANGES).add({ data: { ...record } });
}
