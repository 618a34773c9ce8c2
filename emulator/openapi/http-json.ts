import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error a control route answers with its status and `{ error }` instead of a crash. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a whole request body, refusing more than `limit` bytes (413) so a bad client cannot exhaust memory. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `body larger than ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** Parses a JSON control body; an empty body is `{}` so `POST .../confirm` needs no payload. */
export async function readJsonObject(req: IncomingMessage, limit = 1 << 20): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, limit)).toString('utf8').trim();
  if (raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Runs a control route, turning thrown errors into JSON answers; returns true (the route was handled). */
export async function handleJsonRoute(res: ServerResponse, run: () => Promise<void> | void): Promise<true> {
  try {
    await run();
  } catch (err) {
    if (res.headersSent) {
      res.end();
    } else if (err instanceof HttpError) {
      sendJson(res, err.status, { error: err.message });
    } else {
      sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  }
  return true;
}

export function methodNotAllowed(method: string | undefined, path: string): HttpError {
  return new HttpError(405, `${method ?? '?'} is not supported on ${path}`);
}
