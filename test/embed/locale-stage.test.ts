/** The script-tag build's strings: English at once, another language once its stage file is in. */
import { describe, expect, it } from 'vitest';
import { createLoadedI18n, mountWith, translatorFor } from '../../src/embed/stages/locale';
import { defineStage } from '../../src/embed/stages/registry';
import { createTranslator } from '../../src/i18n/translator';
import { en } from '../../src/i18n/locales/en';
import { ru } from '../../src/i18n/locales/ru';
import type { MountedWidget } from '../../src/ui/types';

function fakeWidget() {
  const calls: string[] = [];
  const widget: MountedWidget = { destroy: () => calls.push('destroy'), focus: () => calls.push('focus') };
  return { widget, calls };
}

describe('script-tag strings', () => {
  it('English is there at once; overrides apply', () => {
    const i18n = translatorFor('en', { 'header.title': 'Help' }, () => undefined);
    expect(i18n instanceof Promise).toBe(false);
    expect((i18n as ReturnType<typeof createTranslator>).t('header.title')).toBe('Help');
    expect(createLoadedI18n('fr-FR').lang).toBe('en');
  });

  it('mountWith: a handle that works before the strings are there', async () => {
    let ready!: (v: ReturnType<typeof createTranslator>) => void;
    const pending = new Promise<ReturnType<typeof createTranslator>>((r) => (ready = r));
    const { widget, calls } = fakeWidget();
    const mounted: string[] = [];
    const handle = mountWith(pending, (i18n) => {
      mounted.push(i18n.lang);
      return widget;
    });
    handle.focus(); // before: remembered
    ready(createTranslator('ru', 'ru', ru));
    await pending;
    await Promise.resolve();
    expect(mounted).toEqual(['ru']);
    expect(calls).toEqual(['focus']);
    handle.destroy();
    expect(calls).toEqual(['focus', 'destroy']);

    // Destroyed before the strings came: never mounted.
    const late = Promise.resolve(createTranslator('en', 'en', en));
    const never = mountWith(late, () => {
      throw new Error('must not mount');
    });
    never.destroy();
    await late;
    await Promise.resolve();
  });

  it('Russian comes from its stage; then createI18n knows it', async () => {
    expect(createLoadedI18n('ru-RU').lang).toBe('en');
    defineStage('locale-ru', 'dev', { table: ru });
    const i18n = translatorFor('ru', undefined, () => undefined);
    expect(i18n instanceof Promise).toBe(false);
    expect(createLoadedI18n('ru-RU').t('launcher.open')).toBe('Открыть чат');
  });
});
