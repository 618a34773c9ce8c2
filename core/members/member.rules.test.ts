import fc from 'fast-check';
import {
  AVATAR_REFUSED,
  avatarUrlKind,
  avatarUrlProblem,
  brandNamesFrom,
  comparableName,
  nicknameCharacterProblem,
  profileInputSchema,
  RESERVED_NICKNAME_WORDS,
  reservedNicknameProblem,
  type NicknameReservations,
} from './member.rules';

const member: NicknameReservations = { brandNames: ['山川咖啡'], staffNicknames: ['老陈', '小雨'], callerIsStaff: false };
const parseNickname = (nickname: string) => profileInputSchema.safeParse({ nickname });

/** Characters of the categories a nickname may not hold (Cc, Cf, Zl, Zp), and the blank fillers. */
const INVISIBLES = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u061c',
  '\u2028',
  '\u2029',
  '\u3164',
  '\u115f',
  '\u2800',
];
const plainName = fc.stringMatching(/^[a-z\u4e00-\u4e2f]{1,8}$/);

describe('nickname characters', () => {
  test('direction overrides and invisible characters anywhere are refused with a clear message', () => {
    fc.assert(
      fc.property(plainName, fc.constantFrom(...INVISIBLES), fc.nat(), (name, bad, at) => {
        const i = at % (name.length + 1);
        const r = parseNickname(`${name.slice(0, i)}${bad}${name.slice(i)}`);
        expect(r.success).toBe(false);
        if (!r.success) expect(r.error.issues.map((x) => x.message)).toContain('昵称不能包含不可见字符或文字方向控制符');
      }),
    );
  });

  test('ordinary names are accepted: Chinese, Latin, digits, emoji, inner spaces', () => {
    for (const name of ['王小明', 'Coffee Lover', '阿杰 2026', '小满☕', '林夕😀', '微信用户0420']) {
      expect(nicknameCharacterProblem(name)).toBeNull();
      expect(parseNickname(name).success).toBe(true);
    }
  });

  test('a name that is only spaces, or that hides markup, is refused', () => {
    expect(parseNickname('\u3000 ').success).toBe(false);
    expect(parseNickname('<b>hi</b>').success).toBe(false);
    expect(parseNickname('a'.repeat(21)).success).toBe(false);
  });
});

describe('reserved names', () => {
  test('comparableName folds width, case, spaces, punctuation and symbols', () => {
    expect(comparableName('Ａｄｍｉｎ')).toBe('admin');
    expect(comparableName(' 山 川·咖啡 ')).toBe('山川咖啡');
    expect(comparableName('★老陈★')).toBe('老陈');
  });

  test('the brand, the reserved words and staff names, however they are dressed up, are refused for a member', () => {
    const dress = fc.record({
      upper: fc.boolean(),
      wide: fc.boolean(),
      gap: fc.constantFrom('', ' ', '\u3000', '·', '-', '_', '.'),
      before: fc.constantFrom('', '小', 'Mr'),
      after: fc.constantFrom('', '号', '2'),
    });
    const widen = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const dressed = (core: string, d: { upper: boolean; wide: boolean; gap: string; before: string; after: string }, wrap: boolean) => {
      let s = Array.from(core).join(d.gap);
      if (d.upper) s = s.toUpperCase();
      if (d.wide) s = widen(s);
      return wrap ? `${d.before}${s}${d.after}` : s;
    };
    fc.assert(
      fc.property(fc.constantFrom('山川咖啡', ...RESERVED_NICKNAME_WORDS), dress, (word, d) => {
        // Latin words are whole words: wrapped in other Latin letters they are another word.
        const wrap = !/^[a-z]+$/.test(word) || !/[a-z]/i.test(d.before + d.after);
        expect(reservedNicknameProblem(dressed(word, d, wrap), member)).not.toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('老陈', '小雨'), dress, (name, d) => {
        expect(reservedNicknameProblem(dressed(name, d, false), member)).toBe('该昵称与工作人员重名，请换一个');
      }),
    );
  });

  test('the messages say what is wrong', () => {
    expect(reservedNicknameProblem('山川咖啡小助手', member)).toBe('昵称不能使用品牌名称“山川咖啡”');
    expect(reservedNicknameProblem('官方 客服', member)).toBe('昵称不能包含“官方”等保留字样');
    expect(reservedNicknameProblem('ADMIN', member)).toBe('昵称不能包含“admin”等保留字样');
  });

  test('other names stay free: a staff name inside a longer one, Latin words that merely contain a reserved one', () => {
    for (const name of ['老陈皮', '小雨点', 'badminton', 'staffordshire', '山川', '咖啡控', '王小明']) expect(reservedNicknameProblem(name, member)).toBeNull();
  });

  test('staff may wear the brand and the reserved words, but not another staff member’s name', () => {
    const staff = { ...member, callerIsStaff: true };
    expect(reservedNicknameProblem('山川咖啡官方客服', staff)).toBeNull();
    expect(reservedNicknameProblem('老 陈', staff)).toBe('该昵称与工作人员重名，请换一个');
  });

  test('no brand configured: only the words and the staff are reserved', () => {
    expect(reservedNicknameProblem('山川咖啡', { ...member, brandNames: [] })).toBeNull();
    expect(brandNamesFrom(undefined)).toEqual([]);
    expect(brandNamesFrom(' 山川咖啡，Shanchuan Coffee ,')).toEqual(['山川咖啡', 'Shanchuan Coffee']);
    expect(reservedNicknameProblem('shanchuan-coffee', { ...member, brandNames: brandNamesFrom('山川咖啡,Shanchuan Coffee') })).not.toBeNull();
  });
});

describe('avatars', () => {
  const ENV = 'flywheel-local';
  const ok = [
    '',
    'https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTKxyz/132',
    'https://wx.qlogo.cn/mmhead/ver_1/abc/0',
    'cloud://flywheel-local.666c-flywheel-local-1300000000/avatars/abc.png',
  ];
  test.each(ok)('%j is accepted', (url) => {
    expect(avatarUrlProblem(url, ENV)).toBeNull();
    expect(profileInputSchema.safeParse({ avatarUrl: url }).success).toBe(true);
  });

  const refused = [
    'http://thirdwx.qlogo.cn/mmopen/a/132',
    'https://thirdwx.qlogo.cn.evil.example/a.png',
    'https://evil.example/thirdwx.qlogo.cn/a.png',
    'https://thirdwx.qlogo.cn@evil.example/a.png',
    'https://thirdwx.qlogo.cn:8443/a.png',
    'https://THIRDWX.QLOGO.CN/a.png',
    'https://mmbiz.qpic.cn/mmbiz/abc/0',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'wxfile://tmp_abc.png',
    'cloud://other-env.6f74-other-env-1300000000/avatars/a.png',
    'cloud://flywheel-local.666c-flywheel-local-1300000000/../secrets',
    'cloud://flywheel-local',
    'https://wx.qlogo.cn/a\u202eb.png',
  ];
  test.each(refused)('%j is refused', (url) => {
    expect(avatarUrlProblem(url, ENV)).toBe(AVATAR_REFUSED);
  });

  test('a cloud fileID of another environment passes the schema but not the environment check', () => {
    const other = 'cloud://other-env.6f74-other-env-1300000000/avatars/a.png';
    expect(avatarUrlKind(other)).toBe('cloud');
    expect(avatarUrlProblem(other, ENV)).toBe(AVATAR_REFUSED);
    expect(avatarUrlProblem(ok[3], '')).toBe(AVATAR_REFUSED);
  });

  test('any https host but WeChat’s avatar hosts is refused', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) => {
        fc.pre(host !== 'thirdwx.qlogo.cn' && host !== 'wx.qlogo.cn');
        expect(avatarUrlProblem(`https://${host}${path.startsWith('/') ? path : `/${path}`}`, ENV)).toBe(AVATAR_REFUSED);
      }),
    );
  });
});
