import { readFileSync } from 'node:fs';

import { join } from 'node:path';
import { createOpenApiModule } from '..';
import { rejectionOf, startModuleHarness, type ModuleHarness, withDataDir } from './module-harness';

const message = {
  touser: 'oUser1',
  templateId: 'TPL_ORDER_PAID',
  page: 'pages/order/detail?id=o1',
  data: { thing1: { value: '限量版香水' }, amount2: { value: '¥199.00' }, time3: { value: '2024-05-01 10:00' } },
  miniprogramState: 'developer',
};

describe('subscribeMessage.send into the outbox', () => {
  let h: ModuleHarness;
  beforeAll(async () => {
    h = await startModuleHarness([createOpenApiModule]);
  });
  afterAll(() => h.close());
  beforeEach(() => h.control('/control/outbox', { method: 'DELETE' }));

  test('a sent message lands in the outbox, newest first', async () => {
    const res = await h.cloud.openapi.subscribeMessage.send(message);
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok', msgid: expect.any(Number) });
    await h.cloud.openapi.subscribeMessage.send({ ...message, touser: 'oUser2' });

    const { status, body } = await h.control('/control/outbox');
    expect(status).toBe(200);
    expect(body.messages.map((m: { touser: string }) => m.touser)).toEqual(['oUser2', 'oUser1']);
    expect(body.messages[1]).toMatchObject({
      msgid: res.msgid,
      touser: 'oUser1',
      templateId: 'TPL_ORDER_PAID',
      page: 'pages/order/detail?id=o1',
      data: message.data,
      miniprogramState: 'developer',
      lang: 'zh_CN',
      sentAt: expect.any(Number),
    });
    expect((await h.control('/control/outbox?touser=oUser1')).body.messages).toHaveLength(1);
  });

  test('DELETE clears the outbox', async () => {
    await h.cloud.openapi.subscribeMessage.send(message);
    expect((await h.control('/control/outbox', { method: 'DELETE' })).body).toEqual({ cleared: 1 });
    expect((await h.control('/control/outbox')).body.messages).toEqual([]);
  });

  test('missing fields are thrown with the errcodes WeChat documents', async () => {
    const { touser: _t, ...noTouser } = message;
    const { templateId: _id, ...noTemplate } = message;
    const { data: _d, ...noData } = message;
    expect((await rejectionOf(h.cloud.openapi.subscribeMessage.send(noTouser))).errCode).toBe(40003);
    expect((await rejectionOf(h.cloud.openapi.subscribeMessage.send(noTemplate))).errCode).toBe(40037);
    const err = await rejectionOf(h.cloud.openapi.subscribeMessage.send(noData));
    expect(err.errCode).toBe(47003);
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail argument invalid! data is empty/);
    expect((await rejectionOf(h.cloud.openapi.subscribeMessage.send({ ...message, data: { thing1: { value: '' } } }))).errMsg).toContain(
      'data.thing1.value is empty',
    );
    expect((await rejectionOf(h.cloud.openapi.subscribeMessage.send({ ...message, miniprogramState: 'beta' }))).errCode).toBe(47003);
    expect((await h.control('/control/outbox')).body.messages).toEqual([]);
  });

  test('keyword values over WeChat limits are refused, not truncated', async () => {
    const err = await rejectionOf(
      h.cloud.openapi.subscribeMessage.send({ ...message, data: { thing1: { value: '这是一个超过二十个字符的商品名称会被微信拒绝的' } } }),
    );
    expect(err.errCode).toBe(47003);
    expect(err.errMsg).toContain('data.thing1.value invalid: must be at most 20 characters');
    expect((await rejectionOf(h.cloud.openapi.subscribeMessage.send({ ...message, data: { amount1: { value: '十元' } } }))).errCode).toBe(47003);
  });

  test('outbox routes answer unsupported methods with 405', async () => {
    expect((await h.control('/control/outbox', { method: 'POST', body: {} })).status).toBe(405);
  });
});

describe('outbox persistence', () => {
  let dir: string;
  withDataDir('flywheel-outbox-', (d) => (dir = d));

  test('the outbox is kept as JSON under <dataDir>/openapi and reloaded', async () => {
    const first = await startModuleHarness([createOpenApiModule], { dataDir: dir });
    await first.cloud.openapi.subscribeMessage.send(message);
    await first.close();
    expect(JSON.parse(readFileSync(join(dir, 'openapi', 'outbox.json'), 'utf8'))).toHaveLength(1);

    const second = await startModuleHarness([createOpenApiModule], { dataDir: dir });
    try {
      expect((await second.control('/control/outbox')).body.messages[0].touser).toBe('oUser1');
    } finally {
      await second.close();
    }
  });
});
