import { literalPattern, mergeMatches, phoneTail, searchPlan, toMemberMatch, findMembersInput, type MemberFound } from './member-search.rules';

const m = (id: string, extra: Partial<MemberFound> = {}): MemberFound => ({ _id: id, nickname: id, tier: 'member', phone: null, joinedAt: null, ...extra });

describe('reading a query', () => {
  test('a nickname is searched as literal text', () => {
    expect(searchPlan('周周')).toEqual({ orderId: null, phoneEnding: null, nicknamePattern: '周周' });
  });

  test('four digits or more are also a phone ending, and still a nickname', () => {
    expect(searchPlan('1234')).toEqual({ orderId: null, phoneEnding: '1234', nicknamePattern: '1234' });
    expect(searchPlan('123').phoneEnding).toBeNull();
    expect(searchPlan('138001380001').phoneEnding).toBeNull();
  });

  test('an order number in any case is looked up in the case checkout writes it', () => {
    expect(searchPlan('OABCDEF0123456789abcdef01').orderId).toBe('Oabcdef0123456789abcdef01');
    expect(searchPlan('O0123').orderId).toBeNull();
  });

  // Each text beside a name its characters would match as a pattern.
  test.each([
    ['a.b', 'aXb'],
    ['.*', '周周'],
    ['a+b', 'aab'],
    ['a|b', 'a'],
    ['^x$', 'x'],
    ['[x]', 'x'],
    ['(周)', '周'],
    ['a{2}', 'aa'],
    ['a\\d', 'a1'],
  ])('%s matches only itself, not %s', (text, lookalike) => {
    const re = new RegExp(literalPattern(text), 'i');
    expect(re.test(`前${text}后`)).toBe(true);
    expect(re.test(lookalike)).toBe(false);
  });

  test('the input is trimmed, 1 to 32 characters, with Chinese messages', () => {
    expect(findMembersInput.parse({ query: '  周周 ' })).toEqual({ query: '周周' });
    expect(findMembersInput.safeParse({ query: '   ' }).error?.issues[0].message).toBe('请输入昵称、手机尾号或订单号');
    expect(findMembersInput.safeParse({ query: 'x'.repeat(33) }).error?.issues[0].message).toBe('搜索内容最多 32 个字');
    expect(findMembersInput.safeParse({ query: '周', openid: 'x' }).success).toBe(false);
  });
});

describe('answers', () => {
  test('surest first, each member once, capped with a flag', () => {
    const merged = mergeMatches([[m('b')], [m('p'), m('b')], [m('n1'), m('p'), m('n2')]], 3);
    expect(merged).toEqual({ members: [m('b'), m('p'), m('n1')], more: true });
    expect(mergeMatches([[m('a')], [m('a')]], 3)).toEqual({ members: [m('a')], more: false });
  });

  test('only the last four digits of a phone are shown', () => {
    expect(phoneTail('13800138000')).toBe('8000');
    expect(phoneTail(null)).toBeNull();
    const shown = toMemberMatch(m('o1', { nickname: '周周', tier: 'buyer', phone: '13912345678', joinedAt: new Date('2026-11-01T00:00:00Z') }), 2);
    expect(shown).toEqual({
      memberKey: 'o1',
      nickname: '周周',
      tier: 'buyer',
      tierName: '已购会员',
      phoneTail: '5678',
      joinedAt: '2026-11-01T00:00:00.000Z',
      orders: 2,
    });
    expect(JSON.stringify(shown)).not.toContain('1391234');
  });
});
