/**
 * Free-text keyword matching: case-insensitive, punctuation-tolerant, with stems.
 * A keyword is one or more words; a word ending in `*` matches any word starting with it
 * (`заблок*` matches «заблокируйте»), other words must match whole. Several words form a phrase
 * and must appear next to each other.
 * @module
 */

/** Longest text we look at; the rest is ignored. */
const MAX_INPUT_CHARS = 2000;

/** One compiled word of a keyword. */
interface KeywordWord {
  text: string;
  stem: boolean;
}

/** A compiled keyword. */
export interface Keyword {
  source: string;
  words: KeywordWord[];
}

/**
 * Lower-cases, folds «ё» into «е», drops apostrophes ("don't" → "dont") and splits on anything
 * that is not a letter or digit.
 */
export function tokenize(text: string): string[] {
  const cleaned = text
    .slice(0, MAX_INPUT_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}

/**
 * Compiles a keyword, or returns an error text when it could never match
 * (empty, or a word holding characters other than letters and digits).
 */
export function compileKeyword(source: string): Keyword | string {
  const raw = source.trim().split(/\s+/).filter((w) => w !== '');
  if (raw.length === 0) return 'keyword is empty';
  const words: KeywordWord[] = [];
  for (const word of raw) {
    const stem = word.endsWith('*');
    const body = stem ? word.slice(0, -1) : word;
    const tokens = tokenize(body);
    if (tokens.length !== 1 || tokens[0] === undefined) {
      return `keyword word "${word}" must be letters, digits or an apostrophe (optionally ending in *)`;
    }
    words.push({ text: tokens[0], stem });
  }
  return { source, words };
}

function wordMatches(token: string, word: KeywordWord): boolean {
  return word.stem ? token.startsWith(word.text) : token === word.text;
}

/** True when the keyword occurs in the tokens. */
export function keywordMatches(tokens: readonly string[], keyword: Keyword): boolean {
  const n = keyword.words.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) ok = wordMatches(tokens[i + j] as string, keyword.words[j] as KeywordWord);
    if (ok) return true;
  }
  return false;
}

/** Score of a keyword list against the tokens: the number of words of every keyword that occurs. */
export function scoreKeywords(tokens: readonly string[], keywords: readonly Keyword[]): number {
  let score = 0;
  for (const keyword of keywords) if (keywordMatches(tokens, keyword)) score += keyword.words.length;
  return score;
}
