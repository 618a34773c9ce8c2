import { fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  it('keys the first message of each path, and ignores what is not a detail', () => {
    const error = {
      code: 'LADDER_CONFIG_INVALID',
      message: '等级配置有误',
      details: [
        { path: 'thresholds.repeatBuyerOrders', message: '复购会员的订单数需大于已购会员的订单数' },
        { path: 'thresholds.repeatBuyerOrders', message: 'second' },
        { path: '', message: '整体' },
        { nope: true },
      ],
    };
    expect(fieldErrorsOf(error as Parameters<typeof fieldErrorsOf>[0])).toEqual({
      'thresholds.repeatBuyerOrders': '复购会员的订单数需大于已购会员的订单数',
      '': '整体',
    });
    expect(fieldErrorsOf({ code: 'NETWORK_ERROR', message: 'x' })).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
  });
});
