import { can, staffChangeProblem, type Role, type StaffChange } from './staff.rules';

const admin = { openid: 'o-a', role: 'admin' as Role };

describe('who may change staff roles', () => {
  test.each<[string, { openid: string; role: Role }, Role, StaffChange, string | null]>([
    ['an admin grants moderator to a member', admin, 'customer', { kind: 'grant', openid: 'o-m', role: 'moderator' }, null],
    ['an admin makes another admin', admin, 'moderator', { kind: 'grant', openid: 'o-m', role: 'admin' }, null],
    ['an admin demotes another admin', admin, 'admin', { kind: 'grant', openid: 'o-b', role: 'moderator' }, null],
    ['an admin revokes another admin', admin, 'admin', { kind: 'revoke', openid: 'o-b' }, null],
    ['an admin re-grants themselves admin (no change)', admin, 'admin', { kind: 'grant', openid: 'o-a', role: 'admin' }, null],
    ['an admin demotes themselves to moderator', admin, 'admin', { kind: 'grant', openid: 'o-a', role: 'moderator' }, 'CONFLICT'],
    ['an admin revokes themselves', admin, 'admin', { kind: 'revoke', openid: 'o-a' }, 'CONFLICT'],
    ['an admin revokes someone without a role', admin, 'customer', { kind: 'revoke', openid: 'o-c' }, 'NOT_FOUND'],
    ['a moderator grants', { openid: 'o-m', role: 'moderator' }, 'customer', { kind: 'grant', openid: 'o-c', role: 'moderator' }, 'FORBIDDEN'],
    ['a moderator promotes themselves', { openid: 'o-m', role: 'moderator' }, 'moderator', { kind: 'grant', openid: 'o-m', role: 'admin' }, 'FORBIDDEN'],
    ['a former admin (demoted meanwhile) revokes', { openid: 'o-b', role: 'customer' }, 'admin', { kind: 'revoke', openid: 'o-a' }, 'FORBIDDEN'],
  ])('%s', (_name, caller, targetRole, change, code) => {
    const problem = staffChangeProblem(caller, targetRole, change);
    expect(problem?.code ?? null).toBe(code);
    if (problem) expect(problem.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('no allowed change ever leaves the caller without the right to manage staff', () => {
    const roles: Role[] = ['customer', 'moderator', 'admin'];
    for (const callerRole of roles)
      for (const targetRole of roles)
        for (const openid of ['o-self', 'o-other'])
          for (const change of [
            { kind: 'revoke', openid },
            { kind: 'grant', openid, role: 'moderator' },
            { kind: 'grant', openid, role: 'admin' },
          ] as StaffChange[]) {
            const caller = { openid: 'o-self', role: callerRole };
            if (staffChangeProblem(caller, targetRole, change)) continue;
            const callerAfter = change.openid !== caller.openid ? callerRole : change.kind === 'revoke' ? 'customer' : change.role;
            // The caller was an admin and still is: at least one admin remains.
            expect(can(callerAfter, 'staff.manage')).toBe(true);
          }
  });
});
