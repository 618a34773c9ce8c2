import fc from 'fast-check';
import type { EmulatorClock } from '../../emulator/clock';
import { Outbox } from '../../emulator/openapi/outbox';
import { subscribeMessageSend } from '../../emulator/openapi/subscribe-message';
import { NOTICE_KINDS, type NoticeFields } from './notify.model';
import { chinaTime, fitText, keywordProblem, TEMPLATE_KEYWORDS, templateData, type TemplateData } from './notify.templates';

/** The emulator's own check of WeChat's rules (a separate implementation): throws a WxApiError (47003) on a bad value. */
function emulatorAccepts(data: TemplateData): void {
  subscribeMessageSend({ touser: 'o-test', template_id: 'TPL', data }, new Outbox(null), { now: () => 0 } as unknown as EmulatorClock);
}

function expectValid(data: TemplateData): void {
  for (const [key, { value }] of Object.entries(data)) expect({ key, value, problem: keywordProblem(key, value) }).toEqual({ key, value, problem: null });
  expect(() => emulatorAccepts(data)).not.toThrow();
}

const PAY_BY = new Date('2026-12-03T12:00:00.000Z'); // 20:00 in Beijing

describe('draw_result', () => {
  test('title, result and hint become thing1..3', () => {
    const r = templateData('draw_result', { title: '山川限定挂耳礼盒', result: '中签', hint: '请在12月3日 20:00前付款' });
    expect(r).toEqual({ ok: true, data: { thing1: { value: '山川限定挂耳礼盒' }, thing2: { value: '中签' }, thing3: { value: '请在12月3日 20:00前付款' } } });
  });

  test.each(['中签', '未中签', '候补第12位', '候补第100000位', '已取消'])('the result %s fits its keyword as it is', (result) => {
    const r = templateData('draw_result', { title: '抽签', result, hint: '感谢参与' });
    expect(r.ok && r.data.thing2.value).toBe(result);
  });

  test('a long title is cut to 20 characters ending in …', () => {
    const r = templateData('draw_result', { title: '山川咖啡二零二六年冬季限定耶加雪菲手冲礼盒第二批抽签', result: '中签', hint: '请尽快付款' });
    if (!r.ok) throw new Error(r.problem);
    expect(r.data.thing1.value).toBe('山川咖啡二零二六年冬季限定耶加雪菲手冲…');
    expect(r.data.thing1.value).toHaveLength(20);
    expectValid(r.data);
  });

  test('keys match the documented template keywords', () => {
    const r = templateData('draw_result', { title: 'a', result: 'b', hint: 'c' });
    expect(r.ok && Object.keys(r.data)).toEqual(TEMPLATE_KEYWORDS.draw_result.map((k) => k.key));
  });
});

describe('draw_promoted', () => {
  test('title, 候补转正, the pay-by time in Beijing time and a hint', () => {
    const r = templateData('draw_promoted', { title: '山川限定挂耳礼盒', payBy: PAY_BY });
    expect(r).toEqual({
      ok: true,
      data: {
        thing1: { value: '山川限定挂耳礼盒' },
        phrase2: { value: '候补转正' },
        time3: { value: '2026年12月3日 20:00' },
        thing4: { value: '请在截止时间前完成付款' },
      },
    });
    if (r.ok) expectValid(r.data);
  });

  test('a pay-by time read back as a string still maps; an invalid one is a problem, not a send', () => {
    expect(templateData('draw_promoted', { title: 't', payBy: PAY_BY.toISOString() as unknown as Date })).toMatchObject({
      ok: true,
      data: { time3: { value: '2026年12月3日 20:00' } },
    });
    expect(templateData('draw_promoted', { title: 't', payBy: new Date(NaN) })).toEqual({ ok: false, problem: expect.stringContaining('time3') });
  });
});

test('chinaTime crosses midnight in Beijing, not in UTC', () => {
  expect(chinaTime(new Date('2026-12-31T16:05:00.000Z'))).toBe('2027年1月1日 00:05');
  expect(chinaTime(new Date('2026-01-02T03:04:00.000Z'))).toBe('2026年1月2日 11:04');
});

describe('fitText', () => {
  test('never splits an emoji or a surrogate pair', () => {
    const family = '👨‍👩‍👧';
    const out = fitText(`${'好'.repeat(17)}${family}${family}`);
    expect(out).toBe(`${'好'.repeat(17)}…`);
    // 15 + 2 + 2 UTF-16 units, then the ellipsis: 20.
    expect(fitText(`${'好'.repeat(15)}😀😀😀`)).toBe(`${'好'.repeat(15)}😀😀…`);
    expect(fitText(`${'好'.repeat(16)}😀😀😀`)).toBe(`${'好'.repeat(16)}😀…`);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const s of [out, fitText('😀'.repeat(30)), fitText(`a${'😀'.repeat(30)}`)]) expect(s).not.toMatch(loneSurrogate);
  });

  test('one line: control characters and runs of white space become one space; empty becomes -', () => {
    expect(fitText('  第一行\n\n第二行\t 结束\u0000 ')).toBe('第一行 第二行 结束');
    expect(fitText('\u202e反向\u200b文字\ufeff')).toBe('反向 文字');
    expect(fitText(' \n ')).toBe('-');
  });
});

test('property: any free text for any kind maps to data WeChat accepts', () => {
  const textArb = fc.oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  );
  fc.assert(
    fc.property(
      textArb,
      textArb,
      textArb,
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      (title, result, hint, payBy) => {
        const fields: { [K in (typeof NOTICE_KINDS)[number]]: NoticeFields[K] } = {
          draw_result: { title, result, hint },
          draw_promoted: { title, payBy, hint },
          feedback_update: { title, state: '暂不采纳', note: hint },
          feedback_reply: { title, reply: result, at: payBy },
          feedback_resolved: { title, note: hint },
        };
        for (const kind of NOTICE_KINDS) {
          const r = templateData(kind, fields[kind] as never);
          if (!r.ok) throw new Error(r.problem);
          expectValid(r.data);
        }
      },
    ),
    { numRuns: 300 },
  );
});

describe('keywordProblem: WeChat value rules', () => {
  test.each([
    ['thing1', '一'.repeat(20), true],
    ['thing1', '一'.repeat(21), false],
    ['thing1', '', false],
    ['phrase2', '候补转正', true],
    ['phrase2', '候补第1位', false],
    ['phrase2', '六个汉字不行', false],
    ['time3', '2026年12月3日 20:00', true],
    ['time3', '20:00', true],
    ['time3', '明天', false],
    ['amount4', '¥12.50', true],
    ['amount4', '十元', false],
    ['number5', '12.5', true],
    ['character_string6', 'ORDER-001', true],
    ['character_string6', '订单', false],
    ['name7', '王小明', true],
    ['name7', '王小明1', false],
  ])('%s = %s: %s', (key, value, valid) => {
    expect(keywordProblem(key, value) === null).toBe(valid);
  });

  test('a key that is not a keyword is a problem', () => {
    expect(keywordProblem('title', 'x')).not.toBeNull();
  });
});
