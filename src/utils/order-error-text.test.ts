import { orderErrorText } from './order-error-text';

describe('orderErrorText', () => {
  it.each([
    ['NOT_A_MEMBER', '请先加入会员再下单'],
    ['ORDER_OUT_OF_STOCK', '保山小粒咖啡豆 250g库存不足'],
    ['ORDER_PRODUCT_UNAVAILABLE', '「挂耳咖啡」已下架'],
    ['COUPON_UNUSABLE', '满¥100.00可用'],
    ['ORDER_NOT_PAYABLE', '订单已超时，请重新下单'],
    ['ORDER_NOT_CANCELLABLE', '只有待付款的订单可以取消'],
    ['PAYMENT_UNAVAILABLE', '暂时无法发起支付：商户号未配置'],
    ['REFUND_NOT_ALLOWED', '已超过退款期限'],
    ['REQUEST_ID_REUSED', '该请求已用于另一笔订单，请刷新后重试'],
  ])("shows the server's Chinese explanation of %s", (code, message) => {
    expect(orderErrorText({ code, message })).toBe(message);
  });

  it('has a fixed sentence for each when the message is not written for a customer', () => {
    expect(orderErrorText({ code: 'ORDER_OUT_OF_STOCK', message: 'stock' })).toBe('商品库存不足，请调整数量');
    expect(orderErrorText({ code: 'NOT_A_MEMBER', message: '' })).toBe('加入会员后即可下单');
    expect(orderErrorText({ code: 'REFUND_NOT_ALLOWED', message: 'no' })).toBe('该订单暂不能申请退款');
  });

  it('follows errorText for every other code', () => {
    expect(orderErrorText({ code: 'NETWORK_ERROR', message: 'x' })).toBe('网络异常，请稍后重试');
    expect(orderErrorText({ code: 'CONFLICT', message: '下单的人有点多，请稍后再试' })).toBe('下单的人有点多，请稍后再试');
    expect(orderErrorText({ code: 'VALIDATION_FAILED', message: '数量至少为 1' })).toBe('数量至少为 1');
    // A server bug's message never reaches the customer, even in Chinese.
    expect(orderErrorText({ code: 'INTERNAL', message: '数据库连接失败' })).toBe('服务开小差了，请稍后重试');
    expect(orderErrorText(null)).toBe('操作失败，请稍后重试');
  });
});
