import { type CloudResult, failure, networkFailure } from './cloud-result';
import { postToGateway } from './gateway-http';

// h5 only: the local emulator simulates WeChat Pay. In a browser there is no WeChat to take the
// money, so the cashier page (收银台) plays the person paying by calling the emulator's control
// API, which then sends the payment notification to the shop function exactly as WeChat would.
// Only the h5-only cashier page calls it (through the shop's orders slice), and it refuses to run
// anywhere else: in WeChat the payment happens in Taro.requestPayment and nothing can "confirm" it
// from the client (the weapp build keeps only that refusal: the platform test is inline).

const NOT_ON_THIS_PLATFORM = '当前环境不支持模拟支付';

/** Tells the emulator the person paid for `outTradeNo` (POST /control/payments/<outTradeNo>/confirm). */
export async function confirmEmulatorPayment(outTradeNo: string): Promise<CloudResult<{ confirmed: true }>> {
  // Inline platform test, so the weapp build drops the request (see utils/runtime-env.ts).
  if (process.env.TARO_ENV !== 'h5') return failure('FORBIDDEN', NOT_ON_THIS_PLATFORM);
  const reply = await postToGateway(`/control/payments/${encodeURIComponent(outTradeNo)}/confirm`, {});
  switch (reply.kind) {
    case 'ok':
      return { ok: true, data: { confirmed: true } };
    case 'rejected':
      // 404: the emulator has no such payment (restarted, or wiped); 409: it is closed.
      return failure(reply.status === 404 || reply.status === 409 ? 'ORDER_NOT_PAYABLE' : 'INTERNAL', '模拟支付失败，请返回订单重新发起支付');
    default:
      return networkFailure();
  }
}
