/**
 * The English strings of the dialog's rarely met flows ship with each flow's stage file
 * (`en-flows.ts`), the rest with the dialog (`en-dialog.ts`). A key in the wrong table would show
 * as its raw name in the script-tag build's English dialog: every key a flow's source names must be
 * in its own table or the dialog's, and no key of a flow's table may be named outside that flow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/locales/en';
import { enDialog } from '../../src/i18n/locales/en-dialog';
import { enConversations, enEnding, enGuard, enOffline, enPreview, enVerify } from '../../src/i18n/locales/en-flows';

const root = path.resolve(import.meta.dirname, '../..');
const panel = 'src/ui/panel';
/** Each flow's table and the source files of its stage (src/ui/panel/flows/modules.ts). */
const FLOWS: Record<string, { table: object; files: string[] }> = {
  verify: {
    table: enVerify,
    files: [`${panel}/VerificationForm.tsx`, ...readdirSync(path.join(root, panel, 'code')).map((f) => `${panel}/code/${f}`)],
  },
  ending: { table: enEnding, files: [`${panel}/RatingPrompt.tsx`, `${panel}/TranscriptDownload.tsx`] },
  conversations: { table: enConversations, files: [`${panel}/ConversationList.tsx`] },
  offline: { table: enOffline, files: [`${panel}/OfflineCard.tsx`, `${panel}/LeaveMessage.tsx`] },
  preview: { table: enPreview, files: [`${panel}/HandoffPreviewCard.tsx`] },
  guard: { table: enGuard, files: [`${panel}/SensitiveGuard.tsx`] },
};
const ALL = new Set(Object.keys(en));
/** Keys named in a file: quoted literals, and the prefixes of template keys (`avail.cb.${w}`). */
function keysIn(file: string): { literal: string[]; prefixes: string[] } {
  const text = readFileSync(path.join(root, file), 'utf8');
  const literal = [...text.matchAll(/['"`]([a-z]+\.[a-zA-Z.]+)['"`]/g)].map((m) => m[1]!).filter((k) => ALL.has(k));
  const prefixes = [...text.matchAll(/`([a-z]+\.[a-zA-Z.]*\.)\$\{/g)].map((m) => m[1]!);
  return { literal, prefixes };
}
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(`${dir}/${d.name}`) : /\.tsx?$/.test(d.name) ? [`${dir}/${d.name}`] : [],
  );
}

describe('English strings by stage', () => {
  it('the reference table is the dialog table and every flow table, with no key in two', () => {
    const parts = [enDialog, ...Object.values(FLOWS).map((f) => f.table)];
    const count = parts.reduce((n, t) => n + Object.keys(t).length, 0);
    expect(count).toBe(ALL.size);
    expect(new Set(parts.flatMap((t) => Object.keys(t))).size).toBe(ALL.size);
  });

  it("a flow's source names only keys of its own table or the dialog's", () => {
    for (const [name, { table, files }] of Object.entries(FLOWS)) {
      const own = new Set([...Object.keys(table), ...Object.keys(enDialog)]);
      for (const file of files) {
        const { literal, prefixes } = keysIn(file);
        expect(
          literal.filter((k) => !own.has(k)),
          `${file} (${name})`,
        ).toEqual([]);
        for (const prefix of prefixes) {
          const keys = [...ALL].filter((k) => k.startsWith(prefix));
          expect(keys.length, `${file}: ${prefix}*`).toBeGreaterThan(0);
          expect(
            keys.filter((k) => !own.has(k)),
            `${file}: ${prefix}*`,
          ).toEqual([]);
        }
      }
    }
  });

  it("no key of a flow's table is named outside that flow", () => {
    const owner = new Map<string, string>();
    for (const [name, { table }] of Object.entries(FLOWS)) for (const k of Object.keys(table)) owner.set(k, name);
    const flowFiles = new Map(Object.entries(FLOWS).flatMap(([name, { files }]) => files.map((f) => [f, name] as const)));
    const outside: string[] = [];
    for (const file of sourceFiles('src')) {
      if (file.startsWith('src/i18n/locales/')) continue;
      const { literal, prefixes } = keysIn(file);
      const named = [...literal, ...[...ALL].filter((k) => prefixes.some((p) => k.startsWith(p)))];
      for (const k of named) if (owner.has(k) && owner.get(k) !== flowFiles.get(file)) outside.push(`${file}: ${k}`);
    }
    expect(outside).toEqual([]);
  });
});
