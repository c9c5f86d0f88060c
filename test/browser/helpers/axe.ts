/**
 * axe-core in a real page: injects it (as an evaluated script, so a page's CSP cannot refuse it)
 * and lists what it finds under WCAG 2.2 A/AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa),
 * inside the widget's shadow root included, and axe's best practices on top. Page-level rules about the host page's own structure
 * (one main landmark, a first-level heading, content in landmarks) are off: the host page is the
 * test's, not the widget's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The tags of issue 12 item 7. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** `rule: [targets]` for each violation axe finds in the whole document. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> };
      const { axe } = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } };
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } },
      });
      return result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`,
      );
    },
    [...WCAG_TAGS, 'best-practice'],
  );
}
