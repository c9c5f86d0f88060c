/** Request bodies (JSON or multipart, with busboy) and JSON answers for the loopback fakes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';

type Json = Record<string, unknown>;
export interface UploadedFile {
  name: string;
  type: string;
  data: Buffer;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

export function readBody(req: IncomingMessage): Promise<{ json: Json; files: UploadedFile[] }> {
  return new Promise((resolve, reject) => {
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('multipart/form-data')) {
      const fields: Json = {};
      const got: UploadedFile[] = [];
      const bb = busboy({ headers: req.headers });
      bb.on('field', (name, value) => {
        fields[name] = value;
      });
      bb.on('file', (_field, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => got.push({ name: info.filename ?? 'file', type: info.mimeType, data: Buffer.concat(chunks) }));
      });
      bb.on('close', () => resolve({ json: fields, files: got }));
      bb.on('error', reject);
      req.pipe(bb);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ json: text ? (JSON.parse(text) as Json) : {}, files: [] });
      } catch (e) {
        reject(e);
      }
    });
  });
}
