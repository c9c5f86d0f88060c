/**
 * Free-text keyword matching: case-insensitive, punctuation-tolerant, with stems.
 * - A word ending in `*` matches any word starting with it (`заблок*` matches «заблокируйте»);
 *   other words must match whole (`person` does not match "personal").
 * - Several words form a phrase and must appear next to each other (`by phone`).
 * - ` + ` joins parts that must all appear, anywhere and in any order (`send* + statement*`).
 * @module
 */
import { tokenize } from '../../src/protocol/bot-text';

export { tokenize };

/** One compiled word of a keyword. */
interface KeywordWord {
  text: string;
  stem: boolean;
}

/** A compiled keyword: phrases that must all occur. */
export interface Keyword {
  source: string;
  parts: KeywordWord[][];
}

function compilePhrase(source: string): KeywordWord[] | string {
  const raw = source
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (raw.length === 0) return 'keyword is empty';
  const words: KeywordWord[] = [];
  for (const word of raw) {
    const stem = word.endsWith('*');
    const tokens = tokenize(stem ? word.slice(0, -1) : word);
    if (tokens.length !== 1 || tokens[0] === undefined) {
      return `keyword word "${word}" must be letters, digits or an apostrophe (optionally ending in *)`;
    }
    words.push({ text: tokens[0], stem });
  }
  return words;
}

/**
 * Compiles a keyword, or returns an error text when it could never match
 * (empty, or a word holding characters other than letters and digits).
 */
export function compileKeyword(source: string): Keyword | string {
  const parts: KeywordWord[][] = [];
  for (const part of source.split(' + ')) {
    const phrase = compilePhrase(part);
    if (typeof phrase === 'string') return phrase;
    parts.push(phrase);
  }
  return { source, parts };
}

function wordMatches(token: string, word: KeywordWord): boolean {
  return word.stem ? token.startsWith(word.text) : token === word.text;
}

/** Start positions where the phrase occurs. */
function phraseStarts(tokens: readonly string[], phrase: readonly KeywordWord[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((word, j) => wordMatches(tokens[i + j] as string, word))) starts.push(i);
  }
  return starts;
}

/** Token positions the keyword covers, or an empty list when it does not occur. */
function coverage(tokens: readonly string[], keyword: Keyword): number[] {
  const covered: number[] = [];
  for (const phrase of keyword.parts) {
    const starts = phraseStarts(tokens, phrase);
    if (starts.length === 0) return [];
    for (const start of starts) for (let j = 0; j < phrase.length; j++) covered.push(start + j);
  }
  return covered;
}

/** True when the keyword occurs in the tokens. */
export function keywordMatches(tokens: readonly string[], keyword: Keyword): boolean {
  return coverage(tokens, keyword).length > 0;
}

/**
 * Score of a keyword list against the tokens: how many input words the matching keywords cover.
 * Overlapping keywords ("currency" and "currency control") do not count a word twice.
 */
export function scoreKeywords(tokens: readonly string[], keywords: readonly Keyword[]): number {
  const covered = new Set<number>();
  for (const keyword of keywords) for (const position of coverage(tokens, keyword)) covered.add(position);
  return covered.size;
}
