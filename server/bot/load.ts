/**
 * Loads the content files next to this module, validates and compiles them once.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileContent, type CompiledContent } from './compile';
import type { ContentByLocale } from './engine';
import { validateContent } from './validate';

/** Locales that have a content file. */
export const BOT_LOCALES = ['en', 'ru'] as const;

const FILES: Record<(typeof BOT_LOCALES)[number], URL> = {
  en: new URL('./content/en.json', import.meta.url),
  ru: new URL('./content/ru.json', import.meta.url),
};

let cache: ContentByLocale | undefined;

/** Reads, parses, validates and compiles one content file; errors name the file. */
export function loadContentFile(url: URL): CompiledContent {
  const path = fileURLToPath(url);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read bot content ${path}: ${(error as Error).message}`, { cause: error });
  }
  return compileContent(validateContent(data, path));
}

/** The bundled content for every locale, loaded on first use and cached. */
export function loadBundledContent(): ContentByLocale {
  cache ??= { en: loadContentFile(FILES.en), ru: loadContentFile(FILES.ru) };
  return cache;
}
