import { auditKindOf } from './audit.rules';

test.each([
  ['admin.overview', 'read'],
  ['staff.list', 'read'],
  ['audit.view', 'read'],
  ['ladder.config.view', 'read'],
  ['orders.list', 'read'],
  ['refunds.list', 'read'],
  ['perks.list', 'read'],
  ['referrals.flags', 'read'],
  ['referrals.leaderboard', 'read'],
  ['staff.grant', 'change'],
  ['points.adjust', 'change'],
  ['products.save', 'change'],
  ['refunds.approve', 'change'],
  ['referrals.flag.reject', 'change'],
  ['ladder.config.update', 'change'],
  // A name that merely contains a read word is still a change.
  ['views.reset', 'change'],
])('%s is a %s', (action, kind) => {
  expect(auditKindOf(action)).toBe(kind);
});
