// Console strings in English and Russian. Each area of the console registers its own table with
// addStrings() in its own module; t() looks a key up in the console's language, then English.
// The language: ?lang=ru|en, else the saved choice, else the browser's.
const tables = { en: {}, ru: {} };

function pick() {
  const asked = new URLSearchParams(location.search).get('lang');
  let saved = null;
  try {
    saved = localStorage.getItem('swp-console-lang');
  } catch {
    // storage blocked: the browser's language
  }
  const lang = (asked || saved || navigator.language || 'en').slice(0, 2).toLowerCase();
  return lang === 'ru' ? 'ru' : 'en';
}

/** The console's language: `en` or `ru`. */
export const lang = pick();

/** Adds strings of one language (`en` or `ru`). */
export function addStrings(language, dict) {
  Object.assign(tables[language], dict);
}

/** The string of `key` with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const s = tables[lang][key] ?? tables.en[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : s;
}

/** Sets the text of every `[data-i18n]` element under `root` (and `data-i18n-placeholder`, `data-i18n-label` for aria-label). */
export function applyStrings(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  document.documentElement.lang = lang;
}
