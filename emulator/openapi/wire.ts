import { randomBytes } from 'node:crypto';
import { decodeCommApiData, encodeCommOpenApiResp } from './proto';

/** One `cloud.openapi.<group>.<api>(args)` call as it arrived. */
export interface OpenApiCall {
  /** e.g. `security.msgSecCheck` (the SDK sends the path without the `openapi.` prefix). */
  apiName: string;
  /** Top-level arguments, snake_cased by the SDK, each decoded from its JSON pair. */
  args: Record<string, unknown>;
  /** Set only when the function called `cloud.openapi({ appid })` (cross-account calls). */
  appid: string;
}

/** A media argument (`{ contentType, value: Buffer }` in the function) arrives as a typed pair. */
export interface MediaArg {
  contentType: string;
  filename: string;
  value: Buffer;
}

/** What an API handler answers: WeChat's JSON, or raw bytes such as an image. */
export type OpenApiAnswer = { json: Record<string, unknown> } | { contentType: string; body: Buffer };

/** A WeChat error answer (`{ errcode, errmsg }`); the SDK throws it with `errCode` = errcode. */
export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

export function decodeOpenApiCall(apiName: string, requestData: Buffer): OpenApiCall {
  const message = decodeCommApiData(requestData);
  const args: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    const bytes = Buffer.from(pair.value);
    if (pair.contenttype) {
      args[pair.key] = { contentType: pair.contenttype, filename: pair.filename, value: bytes } satisfies MediaArg;
      continue;
    }
    const text = bytes.toString('utf8');
    try {
      args[pair.key] = JSON.parse(text);
    } catch {
      // The SDK always JSON-encodes plain values; keep anything else as text rather than fail.
      args[pair.key] = text;
    }
  }
  return { apiName, args, appid: message.appid };
}

/** WeChat appends a request id to error messages; the emulator does too so logs look familiar. */
export function newRid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export function encodeAnswer(answer: OpenApiAnswer): Buffer {
  if ('json' in answer) {
    return encodeCommOpenApiResp({
      respData: Buffer.from(JSON.stringify(answer.json)),
      contentType: 'application/json; charset=utf-8',
      errorCode: 0,
      httpCode: 200,
    });
  }
  return encodeCommOpenApiResp({ respData: answer.body, contentType: answer.contentType, errorCode: 0, httpCode: 200 });
}

export function errorAnswer(err: WxApiError): OpenApiAnswer {
  return { json: { errcode: err.errcode, errmsg: `${err.errmsg} rid: ${newRid()}` } };
}
