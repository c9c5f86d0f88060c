/** Search terms and snippets of the desk search (server/desk/snippet.ts), and the engines' query strings. */
import { describe, expect, it } from 'vitest';
import { tsQuery } from '../../server/db/pg-desk';
import { ftsQuery } from '../../server/db/sqlite-desk';
import { MAX_TERMS, searchTerms, snippet } from '../../server/desk/snippet';

describe('desk search terms and snippets', () => {
  it('terms are lower-case words of letters and digits; query syntax is only a separator', () => {
    expect(searchTerms('Card "declined" OR pharm*')).toEqual(['card', 'declined', 'or', 'pharm']);
    expect(searchTerms('Карту НЕ приняли; 4411')).toEqual(['карту', 'не', 'приняли', '4411']);
    expect(searchTerms('a a a')).toEqual(['a']);
    expect(searchTerms('"*) -- ')).toEqual([]);
    expect(searchTerms('1 2 3 4 5 6 7 8 9 10')).toHaveLength(MAX_TERMS);
    expect(ftsQuery(['card', 'pharm'])).toBe('"card"* "pharm"*');
    expect(tsQuery(['card', 'pharm'])).toBe('card:* & pharm:*');
  });

  it('a snippet is the text around the first match, cut with …; short texts whole', () => {
    expect(snippet('  My card\nwas declined  ', ['card'])).toBe('My card was declined');
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(10)}The pharmacy declined my card twice. ${'Consectetur adipiscing. '.repeat(10)}`;
    const s = snippet(long, ['pharm']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('The pharmacy declined my card');
    expect(s.length).toBeLessThanOrEqual(122);
    expect(snippet(long, ['nothing']).startsWith('Lorem')).toBe(true);
  });
});
