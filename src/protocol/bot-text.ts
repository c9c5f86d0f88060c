/**
 * How bot keywords read a person's text, shared by the reference server's bot and the memory
 * emulator's demo bot (both read the same content files), so the two match words alike.
 * @module
 */

/** Longest input the matcher reads, characters. */
export const MAX_BOT_INPUT_CHARS = 2000;

/**
 * Lower-cases, folds «ё» into «е» and «э» into «е» (кэшбэк = кешбек), drops apostrophes
 * ("don't" → "dont") and splits on anything that is not a letter or digit.
 */
export function tokenize(text: string): string[] {
  const cleaned = text
    .slice(0, MAX_BOT_INPUT_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ёэ]/g, 'е')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}
