import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdField, holdVerdict, ORPHAN_HOLD_AGE_MS } from './rewards.holds.rules';
import type { RedemptionDoc, VoidedRequestDoc } from './rewards.model';
import { REDEEM_BUDGET_MS } from './rewards.redeem';

const at = new Date('2026-05-01T08:00:00Z');
const hold = { id: 'hold-a', at: new Date(at.getTime() - 1000) };
const redeemed = (holdId: string | null | undefined): RedemptionDoc => ({
  _id: 'redeem:o-1:req-1',
  memberId: 'o-1',
  requestId: 'req-1',
  rewardId: 'rw',
  kind: 'coupon',
  title: '券',
  pointsCost: 100,
  couponId: 'cpn_x',
  stockShard: 0,
  holdId,
  balanceAfter: 0,
  status: 'issued',
  createdAt: at,
});
const voided: VoidedRequestDoc = { _id: 'redeem:o-1:req-1', memberId: 'o-1', status: 'void', voidedAt: at };

describe('what becomes of a held unit', () => {
  test('the redemption that used it settles it; any other outcome gives it back', () => {
    expect(holdVerdict(hold, redeemed('hold-a'), at)).toBe('settle');
    expect(holdVerdict(hold, { ...redeemed('hold-a'), status: 'pending_fulfilment' }, at)).toBe('settle');
    // The request redeemed with another unit (a twin took its own): this one is surplus.
    expect(holdVerdict(hold, redeemed('hold-b'), at)).toBe('release');
    // Redemptions made before holds existed name no hold: a hold for them is surplus.
    expect(holdVerdict(hold, redeemed(undefined), at)).toBe('release');
    expect(holdVerdict(hold, voided, at)).toBe('release');
  });

  test('without an outcome: wait while the redemption may still run, void an orphan', () => {
    expect(holdVerdict(hold, null, at)).toBe('wait');
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS + 1) }, null, at)).toBe('wait');
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS) }, null, at)).toBe('void');
    // Stored times come back as strings from some readers.
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS).toISOString() as unknown as Date }, null, at)).toBe('void');
  });

  test('the hold field is a stable digest of the request, safe in a field path', () => {
    expect(holdField('redeem:o-1:req-1')).toBe(holdField('redeem:o-1:req-1'));
    expect(holdField('redeem:o-1:req-1')).not.toBe(holdField('redeem:o-2:req-1'));
    expect(holdField('redeem:o.x:$req')).toMatch(/^h[0-9a-f]{24}$/);
  });
});

test("the redemption's budget is well inside the points function's time limit", () => {
  const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'points', 'config.json'), 'utf8')) as { timeout?: number };
  const limitMs = (config.timeout ?? 3) * 1000;
  // One attempt may still be running at the deadline, and the unit is settled or given back after it.
  expect(REDEEM_BUDGET_MS * 3).toBeLessThanOrEqual(limitMs);
});
