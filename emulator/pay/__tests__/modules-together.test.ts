import { createPayModule } from '..';
import { createOpenApiModule } from '../../openapi';
import { startModuleHarness, TEST_ENV, withDataDir } from '../../openapi/__tests__/module-harness';
import { createStorageModule } from '../../storage';

const order = (outTradeNo: string) => ({
  body: '商品',
  outTradeNo,
  spbillCreateIp: '127.0.0.1',
  subMchId: '1900000109',
  totalFee: 1,
  envId: TEST_ENV,
  functionName: 'payCallback',
});

// Open API and pay calls are both multipart POSTs on /admin; whichever module looks first parses
// the body and the other must still see it. Both orders of registration are checked.
describe.each([
  ['open API first', [createStorageModule, createOpenApiModule, createPayModule]],
  ['pay first', [createPayModule, createOpenApiModule, createStorageModule]],
])('storage, open API and pay in one emulator (%s)', (_label, makers) => {
  test('each call reaches its module', async () => {
    const h = await startModuleHarness(makers);
    try {
      const check = await h.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o1', scene: 1, content: '你好' });
      expect(check.result.suggest).toBe('pass');
      const pay = await h.cloud.cloudPay.unifiedOrder(order('TOGETHER1'));
      expect(pay.resultCode).toBe('SUCCESS');
      const code = await h.cloud.openapi.wxacode.getUnlimited({ scene: 'abc' });
      const up = await h.cloud.uploadFile({ cloudPath: 'posters/abc.png', fileContent: code.buffer });
      const { fileList } = await h.cloud.getTempFileURL({ fileList: [up.fileID] });
      expect((await fetch(fileList[0].tempFileURL)).headers.get('content-type')).toBe('image/png');
    } finally {
      await h.close();
    }
  });
});

describe('payments with a data folder', () => {
  let dir: string;
  withDataDir('flywheel-pay-', (d) => (dir = d));

  test('a pending order survives a restart and can be confirmed afterwards', async () => {
    const first = await startModuleHarness([createPayModule], { dataDir: dir });
    await first.cloud.cloudPay.unifiedOrder(order('PERSIST1'));
    await first.close();

    const second = await startModuleHarness([createPayModule], { dataDir: dir });
    try {
      expect((await second.control('/control/payments')).body.payments.map((p: { outTradeNo: string }) => p.outTradeNo)).toEqual(['PERSIST1']);
      expect((await second.control('/control/payments/PERSIST1/confirm', { body: {} })).body.payment.status).toBe('SUCCESS');
      expect(second.invocations.map((i) => i.name)).toEqual(['payCallback']);
    } finally {
      await second.close();
    }
  });
});
