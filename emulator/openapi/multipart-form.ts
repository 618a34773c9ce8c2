import type { IncomingMessage } from 'node:http';
import Busboy from 'busboy';
import { HttpError } from './http-json';

/** The parts of a multipart/form-data body, each as bytes (fields and files alike). */
export interface MultipartForm {
  parts: Map<string, Buffer>;
  text(name: string): string | undefined;
}

/** The whole body: the SDK's open API calls carry JSON arguments and at most one small image. */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;
const MAX_PART_BYTES = MAX_FORM_BYTES;

// A request body can be read only once, but two modules (open API and pay) both look at
// multipart POSTs on /admin to see whose `action` it is. The first reader parses the body and
// every later reader gets the same parsed form.
const parsedForms = new WeakMap<IncomingMessage, Promise<MultipartForm>>();

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

export function readMultipartForm(req: IncomingMessage): Promise<MultipartForm> {
  let form = parsedForms.get(req);
  if (!form) {
    form = parse(req);
    parsedForms.set(req, form);
  }
  return form;
}

function parse(req: IncomingMessage): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, Buffer>();
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: req.headers, limits: { fileSize: MAX_PART_BYTES, fieldSize: MAX_PART_BYTES, parts: 100 } });
    } catch (err) {
      reject(new HttpError(400, `bad multipart body: ${(err as Error).message}`));
      return;
    }
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        reject(new HttpError(413, `multipart field ${name} is larger than ${MAX_PART_BYTES} bytes`));
        return;
      }
      parts.set(name, Buffer.from(value, 'utf8'));
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => reject(new HttpError(413, `multipart part ${name} is larger than ${MAX_PART_BYTES} bytes`)));
      stream.on('end', () => parts.set(name, Buffer.concat(chunks)));
    });
    bb.on('error', (err) => reject(new HttpError(400, `bad multipart body: ${(err as Error).message}`)));
    bb.on('close', () =>
      resolve({
        parts,
        text: (name) => parts.get(name)?.toString('utf8'),
      }),
    );
    // Busboy bounds each part, not the body: count it here, for chunked bodies with no length.
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_FORM_BYTES) return;
      reject(new HttpError(413, `multipart body is larger than ${MAX_FORM_BYTES} bytes`));
      req.unpipe(bb);
      req.resume();
    });
    req.pipe(bb);
  });
}
