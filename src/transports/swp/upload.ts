/**
 * File upload to an SWP/1 server: `POST {base}/uploads` (multipart `file`, optional
 * `conversationId`) with the bearer session token. Uses XMLHttpRequest when the platform has it
 * (real upload progress and abort); falls back to `fetch` (Node, workers), where progress is
 * reported once at the end.
 * @module
 */
import type { AttachmentRef } from '../../core/model';
import type { UploadOptions } from '../../core/transport';
import { TransportError } from '../../core/errors';
import { httpError } from './http-errors';
import { parseJson } from './json';
import { attachment } from './validate';

/** What an upload needs. */
export interface UploadRequest extends UploadOptions {
  transport: string;
  /** HTTP base of the server, e.g. `https://host/swp/v1`. */
  httpBase: string;
  token: string | undefined;
  conversationId: string | undefined;
  file: Blob & { name?: string };
  /** `fetch` to use when XMLHttpRequest is missing. */
  fetch?: typeof fetch;
}

const abortError = (transport: string) => new TransportError(transport, 'closed', 'upload aborted', { retryable: false });

function parseAttachment(transport: string, text: string): AttachmentRef {
  let ref: AttachmentRef | undefined;
  try {
    ref = attachment(parseJson(text));
  } catch {
    ref = undefined;
  }
  if (!ref) throw new TransportError(transport, 'server', 'upload response is not an attachment', { retryable: false });
  return ref;
}

function formOf(req: UploadRequest): FormData {
  const form = new FormData();
  if (req.conversationId) form.append('conversationId', req.conversationId);
  const name = req.file.name ?? 'file';
  // Some FormData implementations ignore the file name argument for plain Blobs: wrap in a File.
  const FileCtor = (globalThis as { File?: typeof File }).File;
  const part = FileCtor && !(req.file instanceof FileCtor) ? new FileCtor([req.file], name, { type: req.file.type }) : req.file;
  form.append('file', part, name);
  return form;
}

/** Uploads one file; rejects with `TransportError` ('closed' when aborted). */
export function uploadFile(req: UploadRequest): Promise<AttachmentRef> {
  if (req.signal?.aborted) return Promise.reject(abortError(req.transport));
  const XHR = (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  return XHR ? uploadWithXhr(req, XHR) : uploadWithFetch(req);
}

function uploadWithXhr(req: UploadRequest, XHR: typeof XMLHttpRequest): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XHR();
    const onAbort = () => xhr.abort();
    const done = () => req.signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', `${req.httpBase}/uploads`);
    if (req.token) xhr.setRequestHeader('Authorization', `Bearer ${req.token}`);
    xhr.upload.onprogress = (e) => req.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : req.file.size });
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          req.onProgress?.({ loaded: req.file.size, total: req.file.size });
          resolve(parseAttachment(req.transport, xhr.responseText));
        } catch (error) {
          reject(error);
        }
      } else {
        reject(httpError(req.transport, xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () => {
      done();
      reject(new TransportError(req.transport, 'network', 'upload failed: network error'));
    };
    xhr.onabort = () => {
      done();
      reject(abortError(req.transport));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(formOf(req));
  });
}

async function uploadWithFetch(req: UploadRequest): Promise<AttachmentRef> {
  const doFetch: typeof fetch = req.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`${req.httpBase}/uploads`, {
      method: 'POST',
      body: formOf(req),
      headers: req.token ? { Authorization: `Bearer ${req.token}` } : {},
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (error) {
    if (req.signal?.aborted) throw abortError(req.transport);
    throw new TransportError(req.transport, 'network', 'upload failed: network error', { cause: error });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (req.signal?.aborted) throw abortError(req.transport);
    throw new TransportError(req.transport, 'network', 'upload failed while reading the response', { cause: error });
  }
  if (!response.ok) throw httpError(req.transport, response.status, text, response.headers.get('Retry-After'));
  req.onProgress?.({ loaded: req.file.size, total: req.file.size });
  return parseAttachment(req.transport, text);
}
