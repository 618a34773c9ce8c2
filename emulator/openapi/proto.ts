import { Root, type Type } from 'protobufjs';

// The messages wx-server-sdk 4.0.2 exchanges for `cloud.openapi.*` and `cloud.cloudPay.*`,
// transcribed from the SDK's bundled protobuf code (src/protobuf/openapi.js). Field numbers are
// what matters on the wire; only the messages the emulator reads or writes are declared.
const root = Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
    ApiOptions: { fields: { appid: { type: 'string', id: 1 } } },
  },
});

export const CommApiData: Type = root.lookupType('CommApiData');
export const CommOpenApiResp: Type = root.lookupType('CommOpenApiResp');
export const ApiOptions: Type = root.lookupType('ApiOptions');

export interface KeyValuePair {
  key: string;
  value: Uint8Array;
  contenttype: string;
  filename: string;
}

export interface CommApiDataMessage {
  apiType: number;
  openapiData?: { pairs: KeyValuePair[] };
  appid: string;
}

export interface CommOpenApiRespMessage {
  respData: Uint8Array;
  contentType: string;
  errorCode: number;
  httpCode: number;
  headers?: { key: string; value: string }[];
}

export function decodeCommApiData(buf: Uint8Array): CommApiDataMessage {
  return CommApiData.toObject(CommApiData.decode(buf), { defaults: true, arrays: true }) as CommApiDataMessage;
}

export function encodeCommOpenApiResp(message: CommOpenApiRespMessage): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(message)).finish());
}

export function decodeCommOpenApiResp(buf: Uint8Array): CommOpenApiRespMessage {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(buf), { defaults: true, arrays: true }) as CommOpenApiRespMessage;
}
