import Taro from '@tarojs/taro';
import type { ActionName, DataOf, FunctionName, PayloadOf } from './contracts';
import { type CloudResult, internalFailure, isCloudResult, networkFailure, sessionExpiredFailure } from './cloud-result';
import { postToGateway } from './gateway-http';
import { redirectToLogin } from './login-redirect';
import { cloudEnvId } from '@/utils/runtime-env';
import { clearSession, readSession } from './session-token';

// The ONE transport between the mini-program and its cloud functions. Pages and stores never call
// Taro.cloud or the gateway themselves, so both platforms behave the same way above this line.

/**
 * WeChat's codes for "the call reached the cloud and the function side failed" (it threw, or it
 * is not deployed): a server problem (INTERNAL), not a network one. Every other failure of the
 * call itself is reported as NETWORK_ERROR.
 */
const SERVER_SIDE_ERR_CODES: ReadonlySet<number> = new Set([
  -504002, // functions execute fail
  -501000, // function not found / inner error
]);
const failureForErrCode = (errCode: number | null) => (errCode !== null && SERVER_SIDE_ERR_CODES.has(errCode) ? internalFailure() : networkFailure());

export interface CallOptions {
  /**
   * h5 only: use this gateway token instead of the stored session. The login page lists demo
   * personas through a throwaway session that must not become the person's identity.
   */
  sessionToken?: string;
}

/** Once, at app start, on weapp only (h5 has no Taro.cloud). */
export function initCloud(): void {
  const env = cloudEnvId();
  try {
    Taro.cloud.init({ ...(env ? { env } : {}), traceUser: true });
  } catch (error) {
    // Without cloud development (e.g. the tourist AppID) the app must still start: every call
    // then fails and pages show their error state with a retry.
    console.error('[cloud] init failed: is cloud development enabled for this AppID?', error);
  }
}

export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: PayloadOf<F, A>,
  options: CallOptions = {},
): Promise<CloudResult<DataOf<F, A>>> {
  const data = { action, ...(payload as object) };
  // Inline platform test: the build drops the branch of the other platform (see utils/runtime-env.ts).
  const result = process.env.TARO_ENV === 'h5' ? await callThroughGateway(name, data, options) : await callThroughWeChat(name, data);
  return result as CloudResult<DataOf<F, A>>;
}

async function callThroughWeChat(name: string, data: Record<string, unknown>): Promise<CloudResult<unknown>> {
  try {
    const response = await Taro.cloud.callFunction({ name, data });
    return passThroughEnvelope(name, response.result);
  } catch (error) {
    console.warn(`[cloud] ${name}.${String(data.action)} failed`, error);
    return failureForErrCode(errCodeOf(error));
  }
}

async function callThroughGateway(name: string, data: Record<string, unknown>, options: CallOptions): Promise<CloudResult<unknown>> {
  const usesStoredSession = options.sessionToken === undefined;
  const token = options.sessionToken ?? readSession()?.token;
  if (!token) {
    redirectToLogin();
    return sessionExpiredFailure();
  }
  const reply = await postToGateway('/gateway/call', { name, data }, token);
  switch (reply.kind) {
    case 'ok':
      return passThroughEnvelope(name, readResultField(reply.body));
    case 'unauthorized':
      // The emulator forgot the session (restarted, or wiped its data): pick an identity again.
      if (usesStoredSession) {
        clearSession();
        redirectToLogin();
      }
      return sessionExpiredFailure();
    case 'rejected':
      console.warn(`[cloud] ${name}.${String(data.action)} rejected`, reply.status, reply.errCode, reply.errMsg);
      return failureForErrCode(reply.errCode);
    case 'unreachable':
      console.warn(`[cloud] ${name}.${String(data.action)} unreachable: ${reply.reason}`);
      return networkFailure();
  }
}

/** Functions already return the envelope; anything else means the function is broken. */
function passThroughEnvelope(name: string, result: unknown): CloudResult<unknown> {
  if (isCloudResult(result)) return result;
  console.warn(`[cloud] ${name} returned something that is not a result envelope`, result);
  return internalFailure();
}

function readResultField(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { result?: unknown }).result : undefined;
}

function errCodeOf(error: unknown): number | null {
  const code = typeof error === 'object' && error !== null ? (error as { errCode?: unknown }).errCode : undefined;
  return typeof code === 'number' ? code : null;
}
