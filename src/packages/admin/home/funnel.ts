import type { AdminOverview, TierKey } from '@/services/contracts';

// The relationship ladder drawn as a funnel: one row per step, in the server's order (lowest
// first), with its count, its share of everyone on the ladder and a bar scaled to the widest step.

export interface FunnelRow {
  tier: TierKey;
  name: string;
  count: number;
  /** Share of everyone on the ladder, 0..1. */
  share: number;
  /** Bar length relative to the most populated step, 0..1. */
  bar: number;
}

export interface FunnelView {
  rows: FunnelRow[];
  /** Everyone on the ladder (the sum of the steps). */
  total: number;
}

export function funnelView(overview: AdminOverview): FunnelView {
  const total = overview.tiers.reduce((sum, step) => sum + step.count, 0);
  const widest = overview.tiers.reduce((max, step) => Math.max(max, step.count), 0);
  return {
    total,
    rows: overview.tiers.map((step) => ({
      ...step,
      share: total > 0 ? step.count / total : 0,
      bar: widest > 0 ? step.count / widest : 0,
    })),
  };
}

/** 0.125 -> '12.5%', 1 -> '100%'. */
export function percentText(share: number): string {
  const tenths = Math.round(share * 1000) / 10;
  return `${tenths}%`;
}
