import { createPayModule } from '..';
import { rejectionOf, startModuleHarness, TEST_APPID, TEST_ENV, type ModuleHarness } from '../../openapi/__tests__/module-harness';

let seq = 0;
const newOrder = (over: Record<string, unknown> = {}) => ({
  body: '限量版香水 50ml',
  outTradeNo: `T${Date.now()}${++seq}`,
  spbillCreateIp: '127.0.0.1',
  subMchId: '1900000109',
  totalFee: 19900,
  envId: TEST_ENV,
  functionName: 'payCallback',
  ...over,
});

describe('cloudPay through the real wx-server-sdk', () => {
  let h: ModuleHarness;
  beforeAll(async () => {
    h = await startModuleHarness([createPayModule]);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.invocations.length = 0;
    h.functions.clear();
    h.ctx.clock.reset();
    await h.control('/control/payments', { method: 'DELETE' });
  });

  test('unifiedOrder returns the payment object for wx.requestPayment and records a pending order', async () => {
    const order = newOrder({ attach: 'order:o1' });
    const res = await h.cloud.cloudPay.unifiedOrder(order);
    expect(res).toMatchObject({
      errCode: 0,
      errMsg: 'cloudPay.unifiedOrder:ok',
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subMchId: '1900000109',
      tradeType: 'JSAPI',
    });
    expect(res.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(res.payment).toEqual({
      appId: TEST_APPID,
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/),
      package: `prepay_id=${res.prepayId}`,
      signType: 'MD5',
      paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    const { body } = await h.control('/control/payments');
    expect(body.payments).toEqual([
      expect.objectContaining({ outTradeNo: order.outTradeNo, status: 'NOTPAY', totalFee: 19900, functionName: 'payCallback', attach: 'order:o1' }),
    ]);
    expect(h.invocations).toEqual([]);
  });

  test('confirm pays the order and calls the callback function with WeChat’s payment event', async () => {
    const order = newOrder({ attach: 'order:o2', subOpenid: 'oBuyer1' });
    await h.cloud.cloudPay.unifiedOrder(order);
    const confirm = await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(confirm.status).toBe(200);
    expect(confirm.body.delivery).toMatchObject({ ok: true, result: { errcode: 0, errmsg: 'OK' } });

    expect(h.invocations).toHaveLength(1);
    const { name, event, wx } = h.invocations[0];
    expect(name).toBe('payCallback');
    expect(wx).toEqual({ OPENID: '', APPID: TEST_APPID, SOURCE: 'wx_paycallback' });
    expect(event).toEqual({
      returnCode: 'SUCCESS',
      appid: TEST_APPID,
      mchId: expect.stringMatching(/^\d+$/),
      subAppid: TEST_APPID,
      subMchId: '1900000109',
      nonceStr: expect.any(String),
      resultCode: 'SUCCESS',
      openid: 'oBuyer1',
      isSubscribe: 'N',
      subOpenid: 'oBuyer1',
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: 19900,
      feeType: 'CNY',
      cashFee: 19900,
      transactionId: expect.stringMatching(/^4200\d{24}$/),
      outTradeNo: order.outTradeNo,
      attach: 'order:o2',
      timeEnd: expect.stringMatching(/^\d{14}$/),
    });

    const query = await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo });
    expect(query).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      tradeState: 'SUCCESS',
      transactionId: (event as { transactionId: string }).transactionId,
      totalFee: 19900,
    });
  });

  test('timeEnd is Beijing time on the emulator clock', async () => {
    h.ctx.clock.set(Date.UTC(2024, 4, 1, 2, 3, 4)); // 10:03:04 in Beijing
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect((h.invocations[0].event as { timeEnd: string }).timeEnd).toBe('20240501100304');
  });

  test('a repeated confirm re-delivers the same notification, as WeChat retries do', async () => {
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(h.invocations).toHaveLength(2);
    expect(h.invocations[1].event).toEqual(h.invocations[0].event);
    const { body } = await h.control(`/control/payments/${order.outTradeNo}`);
    expect(body.payment.deliveries).toHaveLength(2);
  });

  test('a callback that does not answer { errcode: 0 } is recorded as an undelivered notification', async () => {
    h.functions.set('payCallback', () => ({ errcode: 1, errmsg: 'db busy' }));
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    const res = await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(res.body.delivery).toMatchObject({ ok: false, result: { errcode: 1 } });
    expect(res.body.payment.status).toBe('SUCCESS');
    h.functions.set('payCallback', () => {
      throw new Error('crashed');
    });
    const again = await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(again.body.delivery).toMatchObject({ ok: false, error: 'crashed' });
  });

  test('invalid fields come back as returnCode FAIL naming the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ totalFee: '199' }, /total_fee 参数格式错误/],
      [{ totalFee: 19.9 }, /total_fee 参数格式错误/],
      [{ totalFee: 0 }, /total_fee 参数格式错误/],
      [{ body: undefined }, /缺少参数 body/],
      [{ outTradeNo: undefined }, /缺少参数 out_trade_no/],
      [{ outTradeNo: '订单1' }, /out_trade_no 参数格式错误/],
      [{ outTradeNo: 'x'.repeat(33) }, /out_trade_no 参数长度有误/],
      [{ subMchId: undefined }, /缺少参数 sub_mch_id/],
      [{ spbillCreateIp: undefined }, /缺少参数 spbill_create_ip/],
      [{ functionName: undefined }, /缺少参数 function_name/],
      [{ envId: undefined }, /缺少参数 env_id/],
      [{ envId: 'prod-env' }, /env_id prod-env 不是当前环境 test-env/],
      [{ tradeType: 'NATIVE' }, /trade_type/],
    ];
    for (const [over, msg] of cases) {
      const res = await h.cloud.cloudPay.unifiedOrder(newOrder(over));
      expect(res.returnCode).toBe('FAIL');
      expect(res.returnMsg).toMatch(msg);
    }
    expect((await h.control('/control/payments')).body.payments).toEqual([]);
  });

  test('the same order repeated keeps its prepay id; a reused number or a paid order is refused', async () => {
    const order = newOrder();
    const first = await h.cloud.cloudPay.unifiedOrder(order);
    const again = await h.cloud.cloudPay.unifiedOrder(order);
    expect(again.prepayId).toBe(first.prepayId);
    const clash = await h.cloud.cloudPay.unifiedOrder({ ...order, totalFee: 1 });
    // The SDK overwrites WeChat's err_code with errCode 0; resultCode and errCodeDes carry it.
    expect(clash).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: '201 商户订单号重复', errCode: 0 });
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(await h.cloud.cloudPay.unifiedOrder(order)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' });
  });

  test('fail records a failed payment without a notification unless asked, and the order can still be paid', async () => {
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    const failed = await h.control(`/control/payments/${order.outTradeNo}/fail`, { body: { reason: '余额不足' } });
    expect(failed.body).toMatchObject({ payment: { status: 'PAYERROR', failure: '余额不足' }, delivery: null });
    expect(h.invocations).toEqual([]);
    expect(await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({ tradeState: 'PAYERROR' });

    const notified = await h.control(`/control/payments/${order.outTradeNo}/fail`, { body: { notify: true } });
    expect(notified.body.delivery.event).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 'PAYERROR', outTradeNo: order.outTradeNo });

    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(h.invocations.at(-1)?.event).toMatchObject({ resultCode: 'SUCCESS' });
  });

  test('closeOrder closes an unpaid order; it can then no longer be paid', async () => {
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    expect(await h.cloud.cloudPay.closeOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
    });
    expect(await h.cloud.cloudPay.closeOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '订单已关闭，无法重复关闭',
    });
    const confirm = await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error).toMatch(/is closed/);
    expect(await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: 'nope' })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
  });

  test('another sub-merchant can neither see nor close this merchant’s order (ORDERNOTEXIST), by order number or transaction', async () => {
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    const other = { subMchId: '1900000999' };
    expect(await h.cloud.cloudPay.queryOrder({ ...other, outTradeNo: order.outTradeNo })).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'FAIL',
      errCodeDes: '订单不存在',
    });
    expect(await h.cloud.cloudPay.closeOrder({ ...other, outTradeNo: order.outTradeNo })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
    expect(await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({
      resultCode: 'SUCCESS',
      tradeState: 'NOTPAY',
    });
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    const paid = await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo });
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', transactionId: expect.any(String) });
    expect(await h.cloud.cloudPay.queryOrder({ ...other, transactionId: paid.transactionId })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
    expect(await h.cloud.cloudPay.queryOrder({ ...other, outTradeNo: order.outTradeNo })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
    // Nor refund it.
    const refundReq = {
      ...other,
      outTradeNo: order.outTradeNo,
      outRefundNo: `R${order.outTradeNo}`,
      totalFee: 19900,
      refundFee: 100,
      envId: TEST_ENV,
      functionName: 'refundCallback',
    };
    expect(await h.cloud.cloudPay.refund(refundReq)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
    expect(await h.cloud.cloudPay.refund({ ...refundReq, outTradeNo: undefined, transactionId: paid.transactionId })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '订单不存在',
    });
  });

  test('an order past time_expire closes by the emulator clock', async () => {
    h.ctx.clock.set(Date.UTC(2024, 0, 1, 0, 0, 0)); // 08:00 Beijing
    const order = newOrder({ timeExpire: '20240101081500' });
    await h.cloud.cloudPay.unifiedOrder(order);
    h.ctx.clock.advance(16 * 60_000);
    expect((await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} })).status).toBe(409);
    expect(await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({ tradeState: 'CLOSED' });
  });

  test('refund: only paid orders, never more than paid, settled through /control/refunds with a callback', async () => {
    const order = newOrder();
    const refundReq = {
      subMchId: '1900000109',
      outTradeNo: order.outTradeNo,
      outRefundNo: `R${order.outTradeNo}`,
      totalFee: 19900,
      refundFee: 5000,
      envId: TEST_ENV,
      functionName: 'refundCallback',
    };
    await h.cloud.cloudPay.unifiedOrder(order);
    expect(await h.cloud.cloudPay.refund(refundReq)).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('只有已支付的订单可以退款') });
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });

    const res = await h.cloud.cloudPay.refund(refundReq);
    expect(res).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outRefundNo: refundReq.outRefundNo,
      refundFee: 5000,
      totalFee: 19900,
      refundId: expect.stringMatching(/^503\d{26}$/),
    });
    expect((await h.cloud.cloudPay.refund(refundReq)).refundId).toBe(res.refundId); // a retry is the same refund
    expect(await h.cloud.cloudPay.refund({ ...refundReq, outRefundNo: 'R-too-much', refundFee: 15000 })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('超过订单金额'),
    });
    expect(await h.cloud.cloudPay.refund({ ...refundReq, refundFee: undefined })).toMatchObject({ returnCode: 'FAIL', returnMsg: '缺少参数 refund_fee' });

    h.invocations.length = 0;
    const settled = await h.control(`/control/refunds/${refundReq.outRefundNo}/confirm`, { body: {} });
    expect(settled.body.refund.status).toBe('SUCCESS');
    expect(h.invocations).toEqual([
      {
        name: 'refundCallback',
        wx: { OPENID: '', APPID: TEST_APPID, SOURCE: 'wx_paycallback' },
        event: expect.objectContaining({
          returnCode: 'SUCCESS',
          subMchId: '1900000109',
          reqInfo: expect.objectContaining({
            outTradeNo: order.outTradeNo,
            outRefundNo: refundReq.outRefundNo,
            refundId: res.refundId,
            refundFee: 5000,
            totalFee: 19900,
            refundStatus: 'SUCCESS',
            successTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
          }),
        }),
      },
    ]);
    expect(await h.cloud.cloudPay.queryOrder({ subMchId: '1900000109', outTradeNo: order.outTradeNo })).toMatchObject({ tradeState: 'REFUND' });
  });

  test('a refund that fails gives the amount back to the order', async () => {
    const order = newOrder({ totalFee: 100 });
    await h.cloud.cloudPay.unifiedOrder(order);
    await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
    const refundReq = {
      subMchId: '1900000109',
      outTradeNo: order.outTradeNo,
      outRefundNo: 'RF1',
      totalFee: 100,
      refundFee: 100,
      envId: TEST_ENV,
      functionName: 'refundCallback',
    };
    await h.cloud.cloudPay.refund(refundReq);
    const closed = await h.control('/control/refunds/RF1/confirm', { body: { refundStatus: 'REFUNDCLOSE' } });
    expect(closed.body.refund.status).toBe('REFUNDCLOSE');
    expect((await h.cloud.cloudPay.refund({ ...refundReq, outRefundNo: 'RF2' })).resultCode).toBe('SUCCESS');
  });

  describe('queryRefund (WeChat Pay v2 refundquery)', () => {
    const SUB = '1900000109';
    async function paidOrder(totalFee = 19900) {
      const order = newOrder({ totalFee });
      await h.cloud.cloudPay.unifiedOrder(order);
      const confirmed = await h.control(`/control/payments/${order.outTradeNo}/confirm`, { body: {} });
      return { outTradeNo: order.outTradeNo as string, transactionId: confirmed.body.payment.transactionId as string };
    }
    const refundOf = (outTradeNo: string, outRefundNo: string, refundFee: number, totalFee = 19900) =>
      h.cloud.cloudPay.refund({ subMchId: SUB, outTradeNo, outRefundNo, totalFee, refundFee, envId: TEST_ENV, functionName: 'refundCallback' });

    test('by out_refund_no: PROCESSING until WeChat settles it, then SUCCESS with its time, numbered fields camelCased as outRefundNo_0', async () => {
      const { outTradeNo, transactionId } = await paidOrder();
      const refund = await refundOf(outTradeNo, `R${outTradeNo}`, 19900);
      const processing = await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outRefundNo: `R${outTradeNo}` });
      expect(processing).toMatchObject({
        errCode: 0,
        errMsg: 'cloudPay.queryRefund:ok',
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        subMchId: SUB,
        transactionId,
        outTradeNo,
        totalFee: 19900,
        cashFee: 19900,
        refundCount: 1,
        outRefundNo_0: `R${outTradeNo}`,
        refundId_0: refund.refundId,
        refundFee_0: 19900,
        refundStatus_0: 'PROCESSING',
      });
      expect(processing).not.toHaveProperty('refundSuccessTime_0');
      expect(processing).not.toHaveProperty('totalRefundCount');

      h.ctx.clock.set(Date.UTC(2024, 4, 1, 2, 3, 4)); // 10:03:04 in Beijing
      await h.control(`/control/refunds/R${outTradeNo}/confirm`, { body: {} });
      const settled = await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outRefundNo: `R${outTradeNo}` });
      expect(settled).toMatchObject({ refundStatus_0: 'SUCCESS', refundSuccessTime_0: '2024-05-01 10:03:04', refundRecvAccout_0: '支付用户零钱' });
      // The same refund by WeChat's own refund id.
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, refundId: refund.refundId })).toMatchObject({
        refundCount: 1,
        outRefundNo_0: `R${outTradeNo}`,
        refundStatus_0: 'SUCCESS',
      });
    });

    test('by out_trade_no or transaction_id: every refund of the order, in the order they were made; a failed one says how it ended', async () => {
      const { outTradeNo, transactionId } = await paidOrder();
      await refundOf(outTradeNo, 'RQ-A', 5000);
      h.ctx.clock.advance(1000);
      await refundOf(outTradeNo, 'RQ-B', 3000);
      await h.control('/control/refunds/RQ-A/confirm', { body: { refundStatus: 'REFUNDCLOSE' } });
      for (const by of [{ outTradeNo }, { transactionId }]) {
        expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, ...by })).toMatchObject({
          outTradeNo,
          refundCount: 2,
          outRefundNo_0: 'RQ-A',
          refundFee_0: 5000,
          refundStatus_0: 'REFUNDCLOSE',
          outRefundNo_1: 'RQ-B',
          refundFee_1: 3000,
          refundStatus_1: 'PROCESSING',
        });
      }
      // refund_id wins over out_trade_no, as WeChat's priority says.
      const b = (await h.control('/control/refunds/RQ-B')).body.refund;
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outTradeNo, refundId: b.refundId })).toMatchObject({ refundCount: 1, outRefundNo_0: 'RQ-B' });
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outTradeNo, offset: 1 })).toMatchObject({
        refundCount: 1,
        totalRefundCount: 2,
        outRefundNo_0: 'RQ-B',
      });
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outTradeNo, offset: 2 })).toMatchObject({
        resultCode: 'FAIL',
        errCodeDes: expect.stringContaining('offset 2'),
      });
    });

    test('no such refund is result FAIL (REFUNDNOTEXIST, which the SDK reports as errCode 0); malformed requests are return FAIL', async () => {
      const { outTradeNo } = await paidOrder();
      const missing = [
        { outRefundNo: 'R-nope' },
        { refundId: '50300000000000000000000000000' },
        { outTradeNo },
        { outTradeNo: 'T-nope' },
        { transactionId: '4200000000000000000000000000' },
      ];
      for (const by of missing) {
        expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, ...by })).toMatchObject({
          returnCode: 'SUCCESS',
          resultCode: 'FAIL',
          errCode: 0,
          errCodeDes: '退款订单查询失败',
        });
      }
      await refundOf(outTradeNo, `R${outTradeNo}`, 100);
      // Another merchant cannot see this merchant's refunds.
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: '1900000999', outRefundNo: `R${outTradeNo}` })).toMatchObject({
        resultCode: 'FAIL',
        errCodeDes: '退款订单查询失败',
      });
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB })).toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringContaining('四选一') });
      expect(await h.cloud.cloudPay.queryRefund({ outRefundNo: `R${outTradeNo}` })).toMatchObject({ returnCode: 'FAIL', returnMsg: '缺少参数 sub_mch_id' });
      expect(await h.cloud.cloudPay.queryRefund({ subMchId: SUB, outTradeNo, offset: -1 })).toMatchObject({
        returnCode: 'FAIL',
        returnMsg: expect.stringContaining('offset'),
      });
    });
  });

  test('an API the emulator does not provide fails naming it', async () => {
    const err = await rejectionOf(h.cloud.cloudPay.downloadBill({ subMchId: '1900000109', billDate: '20240101' }));
    expect(err.errCode).toBe(-501007);
    expect(err.errMsg).toBe('downloadBill:fail cloudPay.downloadBill is not emulated (emulated: unifiedOrder, queryOrder, closeOrder, refund, queryRefund)');
  });

  test('control routes answer bad input with 4xx and an error, never a crash', async () => {
    const order = newOrder();
    await h.cloud.cloudPay.unifiedOrder(order);
    expect(await h.control('/control/payments/NOPE/confirm', { body: {} })).toEqual({ status: 404, body: { error: 'no payment with outTradeNo NOPE' } });
    expect((await h.control(`/control/payments/${order.outTradeNo}/confirm`, { rawBody: '{oops' })).status).toBe(400);
    expect((await h.control(`/control/payments/${order.outTradeNo}/confirm`, { rawBody: '[1]' })).status).toBe(400);
    expect((await h.control(`/control/payments/${order.outTradeNo}/fail`, { body: { notify: 'yes' } })).status).toBe(400);
    expect((await h.control(`/control/payments/${order.outTradeNo}/refund`, { body: {} })).status).toBe(404);
    expect((await h.control('/control/payments/%E0%A4%A/confirm', { body: {} })).status).toBe(400);
    expect((await h.control('/control/refunds/NOPE/confirm', { body: {} })).status).toBe(404);
    expect((await h.control(`/control/payments/${order.outTradeNo}`, { method: 'DELETE' })).status).toBe(405);
    expect((await h.control('/control/payments')).body.payments).toHaveLength(1);
  });

  test('routes the module does not own are left to others', async () => {
    const res = await h.control('/control/elsewhere');
    expect(res).toEqual({ status: 404, body: { error: 'no route for GET /control/elsewhere' } });
  });
});
