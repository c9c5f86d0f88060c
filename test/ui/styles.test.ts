// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptStyles } from '../../src/ui/shared/styles';
import { applyTheme } from '../../src/ui/shared/theme';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

afterEach(() => vi.unstubAllGlobals());

function shadow(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

describe('adoptStyles', () => {
  it('uses a constructed stylesheet when the engine supports it', () => {
    const root = shadow();
    const remove = adoptStyles(root, '.a{color:red}');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
    remove();
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it('falls back to <style nonce> without constructable stylesheets', () => {
    vi.stubGlobal('CSSStyleSheet', undefined);
    const root = shadow();
    const remove = adoptStyles(root, '.a{color:red}', 'n0nce');
    const style = root.querySelector('style')!;
    expect(style.getAttribute('nonce')).toBe('n0nce');
    expect(style.textContent).toBe('.a{color:red}');
    remove();
    expect(root.querySelector('style')).toBeNull();
  });
});

describe('widget CSS', () => {
  // Read from disk: vitest replaces `?inline` CSS imports with empty strings.
  const dir = join(process.cwd(), 'src/ui/styles');
  const WIDGET_CSS = readdirSync(dir)
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

  it('isolates the host and sizes in px, never rem', () => {
    expect(WIDGET_CSS).toMatch(/:host\s*{\s*all: initial !important;\s*display: contents !important;/);
    expect(WIDGET_CSS).not.toMatch(/\drem\b/);
    expect(WIDGET_CSS).not.toMatch(/font(-size)?:[^;]*\d(em|%)/);
    for (const feature of ['prefers-reduced-motion', 'forced-colors', ':focus-visible', 'max-width: 639.98px']) {
      expect(WIDGET_CSS).toContain(feature);
    }
  });
});

describe('applyTheme', () => {
  it('sets tokens through the CSSOM and removes them again', () => {
    const host = document.createElement('div');
    const remove = applyTheme(host, { primaryColor: '#0b5', offset: { x: 8, y: 9.6 }, zIndex: 5 });
    expect(host.style.getPropertyValue('--sc-primary')).toBe('#0b5');
    expect(host.style.getPropertyValue('--sc-offset-y')).toBe('10px');
    expect(host.style.getPropertyValue('--sc-z')).toBe('5');
    remove();
    expect(host.getAttribute('style')).toBeNull();
  });

  it('ignores a colour that is not #rgb / #rrggbb', () => {
    const host = document.createElement('div');
    applyTheme(host, { primaryColor: 'red;background:url(x)', offset: { x: 0, y: 0 }, zIndex: 1 });
    expect(host.style.getPropertyValue('--sc-primary')).toBe('');
  });
});
