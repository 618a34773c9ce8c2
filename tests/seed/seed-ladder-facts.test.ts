/**
 * The demo seed's ladder facts agree with the tiers it seeds, so the nightly re-evaluation leaves
 * every demo member where the seed put them (no grace, no downgrade) on the first night.
 */
import { DEFAULT_LADDER_CONFIG } from '../../core/ladder/ladder.config';
import { emptyFacts, toLadderFacts } from '../../core/ladder/ladder.facts';
import { evaluateLadder } from '../../core/ladder/ladder.rules';
import { EXTRA_MEMBERS, PERSONAS } from '../../scripts/seed/demo-brand';
import { demoLadderFacts } from '../../scripts/seed/seed-ladder-facts';

test.each([...PERSONAS.map((p) => ({ openid: p.openid, tier: p.tier })), ...EXTRA_MEMBERS])('$openid is $tier by the rules too', ({ openid, tier }) => {
  const now = Date.parse('2026-11-27T02:30:00+08:00');
  const doc = demoLadderFacts(now).find((d) => d._id === openid) ?? emptyFacts(openid);
  const joinedAt = tier === 'follower' ? null : new Date(now - 200 * 86_400_000);
  expect(evaluateLadder(toLadderFacts(doc, joinedAt), DEFAULT_LADDER_CONFIG, new Date(now), tier).tier).toBe(tier);
});
