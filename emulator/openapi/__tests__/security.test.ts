import { createOpenApiModule } from '..';
import { rejectionOf, startModuleHarness, type ModuleHarness } from './module-harness';

describe('security.msgSecCheck through the real wx-server-sdk', () => {
  let h: ModuleHarness;
  beforeAll(async () => {
    h = await startModuleHarness([createOpenApiModule]);
  });
  afterAll(() => h.close());
  afterEach(() => h.control('/control/security/force', { method: 'DELETE' }));

  const check = (content: string) => h.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'oUser1', scene: 2, content });

  test('ordinary text, complaints included, passes with label 100', async () => {
    const res = await check('这款面霜质量太差了，用了三天就过敏，希望品牌方尽快改进');
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } });
    expect(res.traceId).toEqual(expect.any(String));
    expect(res.detail[0]).toMatchObject({ strategy: 'content_model', errcode: 0, suggest: 'pass' });
  });

  test('a word from the risk list is risky, even spaced out or full-width', async () => {
    for (const content of ['周末一起去赌博吧', '网 赌 稳赚', '来玩六合彩']) {
      const res = await check(content);
      expect(res.result).toEqual({ suggest: 'risky', label: 20006 });
      expect(res.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', suggest: 'risky' })]));
    }
    expect((await check('兼职刷单日结')).result).toEqual({ suggest: 'risky', label: 20008 });
  });

  test('contact details and soliciting are held for review as ads', async () => {
    expect((await check('有问题打我电话 13812345678')).result).toEqual({ suggest: 'review', label: 10001 });
    expect((await check('更多优惠加微信详聊')).result).toEqual({ suggest: 'review', label: 10001 });
    expect((await check('vx: shop_2024_hk')).result).toEqual({ suggest: 'review', label: 10001 });
  });

  test('risky beats review when both appear', async () => {
    expect((await check('加微信带你网赌')).result.suggest).toBe('risky');
  });

  test('a forced result applies to the next N checks, then the word list again', async () => {
    const forced = await h.control('/control/security/force', { body: { suggest: 'risky', times: 2 } });
    expect(forced).toEqual({ status: 200, body: { forced: { suggest: 'risky', label: 21000, remaining: 2 } } });
    expect((await check('今天天气很好')).result).toEqual({ suggest: 'risky', label: 21000 });
    expect((await h.control('/control/security')).body.forced.remaining).toBe(1);
    expect((await check('今天天气很好')).result.suggest).toBe('risky');
    expect((await check('今天天气很好')).result.suggest).toBe('pass');
  });

  test('a forced pass overrides the word list, and DELETE clears the force', async () => {
    await h.control('/control/security/force', { body: { suggest: 'pass', times: 5 } });
    expect((await check('赌博')).result.suggest).toBe('pass');
    await h.control('/control/security/force', { method: 'DELETE' });
    expect((await check('赌博')).result.suggest).toBe('risky');
    await h.control('/control/security/force', { body: { suggest: 'review', label: 20003 } });
    expect((await check('你好')).result).toEqual({ suggest: 'review', label: 20003 });
  });

  test('the force endpoint answers bad input with 400 and an error', async () => {
    expect(await h.control('/control/security/force', { body: { suggest: 'maybe' } })).toEqual({
      status: 400,
      body: { error: 'suggest must be one of pass, review, risky' },
    });
    expect((await h.control('/control/security/force', { body: { suggest: 'risky', times: 0 } })).status).toBe(400);
    expect((await h.control('/control/security/force', { rawBody: '{not json' })).status).toBe(400);
    expect((await h.control('/control/security/force', { method: 'PUT', body: {} })).status).toBe(405);
  });

  test('missing or invalid arguments are thrown with WeChat errcodes', async () => {
    expect((await rejectionOf(h.cloud.openapi.security.msgSecCheck({ version: 2, scene: 2, content: 'x' }))).errCode).toBe(40003);
    expect((await rejectionOf(h.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o', scene: 9, content: 'x' }))).errCode).toBe(40097);
    expect((await rejectionOf(h.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o', scene: 1 }))).errCode).toBe(47001);
    const long = await rejectionOf(check('好'.repeat(2501)));
    expect(long.errCode).toBe(40097);
    expect(long.errMsg).toMatch(/^openapi\.security\.msgSecCheck:fail invalid args: content is longer than 2500/);
  });

  test('version 1 (no version) throws 87014 for risky content, as WeChat did', async () => {
    expect(await h.cloud.openapi.security.msgSecCheck({ content: '你好' })).toMatchObject({ errCode: 0 });
    const err = await rejectionOf(h.cloud.openapi.security.msgSecCheck({ content: '一起赌博' }));
    expect(err.errCode).toBe(87014);
    expect(err.errMsg).toMatch(/^openapi\.security\.msgSecCheck:fail risky content/);
  });

  test('an API the emulator does not provide fails with -604101 naming it', async () => {
    const err = await rejectionOf(h.cloud.openapi.customerServiceMessage.send({ touser: 'o', msgtype: 'text' }));
    expect(err.errCode).toBe(-604101);
    expect(err.errMsg).toContain('openapi.customerServiceMessage.send:fail function has no permission to call this API');
    expect(err.errMsg).toContain('customerServiceMessage.send is not emulated');
  });
});
