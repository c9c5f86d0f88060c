// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/embed/options';
import { type OptionError, isOptionError } from '../../src/core/errors';
import { createMemoryTransport } from '../../src/transports/memory';

const transport = () => createMemoryTransport({ replyDelayMs: 0 });

function refused(input: unknown): OptionError {
  try {
    resolveOptions(input, document);
  } catch (error) {
    expect(isOptionError(error)).toBe(true);
    return error as OptionError;
  }
  throw new Error('expected an OptionError');
}

describe('resolveOptions', () => {
  it('applies defaults', () => {
    const o = resolveOptions({ transport: transport() }, document);
    expect(o.position).toBe('bottom-right');
    expect(o.offset).toEqual({ x: 20, y: 20 });
    expect(o.colorScheme).toBe('auto');
    expect(o.open).toBe(false);
    expect(o.connect).toBe(true);
    // No target: the host lives under <html>, beside the body (see host-mount.ts).
    expect(o.target).toBeNull();
    expect(o.zIndex).toBe(2147483647);
    expect(o.launcher).toBe(true);
    expect(o.inline).toBe(false);
  });

  it('refuses an unknown option by name (a typo never passes silently)', () => {
    const e = refused({ transport: transport(), primaryColour: '#fff' });
    expect(e.option).toBe('primaryColour');
    expect(e.reason).toContain('unknown option');
  });

  it('takes a transport factory, called once and only after every other option passed', () => {
    let made = 0;
    const factory = () => (made++, transport());
    refused({ transport: factory, position: 'middle' });
    expect(made).toBe(0);
    const o = resolveOptions({ transport: factory }, document);
    expect(made).toBe(1);
    expect(o.transport.name).toBe('memory');
    expect(refused({ transport: () => ({ name: 'x' }) }).option).toBe('transport');
  });

  it('inline mode: always open, no launcher, inside the given element', () => {
    const box = document.createElement('div');
    const o = resolveOptions({ transport: transport(), inline: box }, document);
    expect(o).toMatchObject({ target: box, inline: true, launcher: false, open: true });
    expect(refused({ transport: transport(), inline: '#box' }).option).toBe('inline');
  });

  it.each([
    [undefined, 'options', 'expected an object'],
    [{}, 'transport', 'Transport'],
    [{ transport: { send() {} } }, 'transport', 'Transport'],
  ])('refuses %j naming %s', (input, option, reason) => {
    const e = refused(input);
    expect(e.option).toBe(option);
    expect(e.reason).toContain(reason);
    expect(e.message).toContain(option);
  });

  it.each([
    ['position', { position: 'top-left' }, 'bottom-right'],
    ['primaryColor', { primaryColor: 'red; background:url(x)' }, '#rgb'],
    ['primaryColor', { primaryColor: 42 }, 'string'],
    ['colorScheme', { colorScheme: 'sepia' }, 'light'],
    ['zIndex', { zIndex: 1.5 }, 'integer'],
    ['offset.x', { offset: { x: -4 } }, 'pixels'],
    ['offset.y', { offset: { y: Number.NaN } }, 'pixels'],
    ['open', { open: 'yes' }, 'boolean'],
    ['locale', { locale: '<script>' }, 'BCP 47'],
    ['title', { title: 7 }, 'string'],
    ['metadata.plan', { metadata: { plan: 3 } }, 'string'],
    ['target', { target: 'body' }, 'element'],
  ])('refuses a bad %s', (option, extra, reason) => {
    const e = refused({ transport: transport(), ...extra });
    expect(e.option).toBe(option);
    expect(e.reason).toContain(reason);
  });

  it('keeps valid values and drops prototype keys from records', () => {
    const metadata = JSON.parse('{"plan":"pro","__proto__":"x"}') as Record<string, string>;
    const o = resolveOptions(
      { transport: transport(), position: 'bottom-left', offset: { x: 8 }, primaryColor: '#0B5CFF', metadata, locale: 'ru-RU' },
      document,
    );
    expect(o.position).toBe('bottom-left');
    expect(o.offset).toEqual({ x: 8, y: 20 });
    expect(o.primaryColor).toBe('#0B5CFF');
    expect(o.metadata).toEqual({ plan: 'pro' });
    expect(Object.getPrototypeOf(o.metadata)).toBe(Object.prototype);
  });
});
