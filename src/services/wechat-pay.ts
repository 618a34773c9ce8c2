import Taro from '@tarojs/taro';
import type { PaymentParams } from './contracts';

// weapp: WeChat's payment sheet, with the parameters the shop function signed (shop.pay). The
// person pays (or not) inside WeChat; the result that counts reaches the server on its own, as
// WeChat Pay's notification, so this outcome only decides what the page says next.

export type WeChatPayOutcome = 'paid' | 'cancelled' | 'failed';

type RequestPaymentOption = Parameters<typeof Taro.requestPayment>[0];

export async function requestWeChatPayment(payment: PaymentParams): Promise<WeChatPayOutcome> {
  try {
    await Taro.requestPayment({ ...payment } as RequestPaymentOption);
    return 'paid';
  } catch (error) {
    // 'requestPayment:fail cancel' when the person closed the sheet.
    const errMsg = String((error as { errMsg?: unknown } | null)?.errMsg ?? '');
    if (/cancel/i.test(errMsg)) return 'cancelled';
    console.warn('[pay] requestPayment failed', error);
    return 'failed';
  }
}
