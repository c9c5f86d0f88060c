/**
 * Client-side checks of picked files against the backend's declared limits, so the user hears
 * about a limit before an upload fails. Pure: no DOM.
 * @module
 */
import type { Capabilities } from '../../core/model';
import type { I18n } from '../../i18n';
import { formatBytes } from '../shared/format';

/** The part of a File the checks read. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/** Limits from `capabilities.attachments`. */
export type AttachmentLimits = Exclude<Capabilities['attachments'], false>;

/** True when `file` matches an `accept` entry: "image/*", "application/pdf" or ".pdf". */
export function isAccepted(file: FileLike, accept: readonly string[]): boolean {
  if (!accept.length) return true;
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return accept.some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (!rule) return false;
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1));
    return type === rule;
  });
}

/**
 * Splits `files` into those that may be uploaded and an error for the first refusal.
 * @param staged - how many files are already attached to the draft.
 */
export function checkFiles<F extends FileLike>(
  files: readonly F[],
  staged: number,
  limits: AttachmentLimits,
  i18n: I18n,
): { accepted: F[]; error?: string } {
  const accepted: F[] = [];
  let error: string | undefined;
  for (const file of files) {
    if (staged + accepted.length >= limits.maxFiles) {
      error ??= i18n.t('error.tooManyFiles', { count: limits.maxFiles });
      break;
    }
    if (!isAccepted(file, limits.accept)) error ??= i18n.t('error.fileType', { name: file.name });
    else if (file.size > limits.maxBytes)
      error ??= i18n.t('error.fileTooLarge', { name: file.name, size: formatBytes(limits.maxBytes, i18n) });
    else accepted.push(file);
  }
  return error ? { accepted, error } : { accepted };
}
