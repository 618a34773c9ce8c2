import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * Errors on the upload and download URLs come back as COS's XML error document: the SDK's
 * uploadFile parses exactly this shape (Code, Message, RequestId, TraceId) and throws
 * `[Code]: Message`.
 */
export function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string, headOnly = false): void {
  const id = randomBytes(12).toString('base64');
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${escapeXml(message)}</Message>\n` +
    `<Resource>${escapeXml(resource)}</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(headOnly ? undefined : xml);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
