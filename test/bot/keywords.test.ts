import { describe, expect, it } from 'vitest';
import { compileKeyword, keywordMatches, scoreKeywords, tokenize, type Keyword } from '../../server/bot/keywords';

function kw(source: string): Keyword {
  const k = compileKeyword(source);
  if (typeof k === 'string') throw new Error(k);
  return k;
}

describe('tokenize', () => {
  it('lower-cases, drops punctuation and apostrophes, folds ё', () => {
    expect(tokenize('  Заблокируйте КАРТУ!!! Срочно, пожалуйста… ')).toEqual(['заблокируйте', 'карту', 'срочно', 'пожалуйста']);
    expect(tokenize("I can't log-in (again)?")).toEqual(['i', 'cant', 'log', 'in', 'again']);
    expect(tokenize('Перевод не пришёл')).toEqual(['перевод', 'не', 'пришел']);
    expect(tokenize('?!…')).toEqual([]);
  });

  it('looks at a bounded prefix of very long input', () => {
    expect(tokenize('a '.repeat(50_000)).length).toBeLessThanOrEqual(1000);
  });
});

describe('keywords', () => {
  it('matches whole words unless the keyword is a stem', () => {
    expect(keywordMatches(tokenize('personal account'), kw('person'))).toBe(false);
    expect(keywordMatches(tokenize('a real PERSON please'), kw('person'))).toBe(true);
    expect(keywordMatches(tokenize('мою карточку украли'), kw('карт*'))).toBe(true);
    expect(keywordMatches(tokenize('заблокировать'), kw('заблок*'))).toBe(true);
    expect(keywordMatches(tokenize('разблокировать'), kw('заблок*'))).toBe(false);
  });

  it('matches phrases only when the words are adjacent', () => {
    expect(keywordMatches(tokenize('transfer by phone, please'), kw('by phone'))).toBe(true);
    expect(keywordMatches(tokenize('by my phone'), kw('by phone'))).toBe(false);
    expect(keywordMatches(tokenize('Лимит на переводы'), kw('лимит* на перевод*'))).toBe(true);
  });

  it('needs every part of a "+" keyword, in any order', () => {
    const k = kw('send* + statement*');
    expect(keywordMatches(tokenize('Could you send me the statement?'), k)).toBe(true);
    expect(keywordMatches(tokenize('statements: please send them'), k)).toBe(true);
    expect(keywordMatches(tokenize('send me money'), k)).toBe(false);
    expect(scoreKeywords(tokenize('send me the statement'), [k])).toBe(2);
  });

  it('treats кэшбэк, кешбек and кешбэк alike', () => {
    for (const text of ['кэшбэк', 'Кешбек', 'кешбэка']) expect(keywordMatches(tokenize(text), kw('кешбек*'))).toBe(true);
  });

  it('scores by the input words covered, counting overlaps once', () => {
    const tokens = tokenize('lost my phone');
    expect(scoreKeywords(tokens, [kw('lost'), kw('lost my phone'), kw('card*')])).toBe(3);
  });

  it('rejects keywords that could never match', () => {
    expect(compileKeyword('   ')).toMatch(/empty/);
    expect(compileKeyword('e-mail')).toMatch(/letters/);
    expect(compileKeyword('!!')).toMatch(/letters/);
    expect(compileKeyword("don't")).toMatchObject({ parts: [[{ text: 'dont', stem: false }]] });
    expect(compileKeyword('send* + ')).toMatch(/empty/);
  });
});
