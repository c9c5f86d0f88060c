/**
 * Untrusted text as DOM nodes, never as markup: bot and operator messages get the safe subset
 * of {@link parseRich} (bold, italic, code, lists, checked links), the customer's own words stay
 * exactly as typed. Bounded: parsed once per part, the first {@link TEXT_CAP} characters shown
 * with "Show more" for the rest in steps, and a `<wbr>` inside every long unbroken run so line
 * breaking stays cheap.
 * @module
 */
import { Fragment, type JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { I18n } from '../../i18n';
import type { RichNode } from './markdown';
import { breakRuns, clip, docOf, TEXT_CAP, TEXT_STEP } from './text-layout';

/** `text` with a `<wbr>` between the pieces {@link breakRuns} makes. */
function withBreaks(text: string): string | Array<string | JSX.Element> {
  const pieces = breakRuns(text);
  if (pieces.length === 1) return text;
  const out: Array<string | JSX.Element> = [];
  pieces.forEach((piece, i) => {
    if (i > 0) out.push(<wbr key={`w${i}`} />);
    out.push(piece);
  });
  return out;
}

/** One parsed node as preact nodes; `p` needs no wrapper (the bubble keeps line breaks). */
function node(x: RichNode, i: number): JSX.Element {
  if (x.t === 'text') return <Fragment key={i}>{withBreaks(x.s)}</Fragment>;
  if (x.t === 'link')
    return (
      // A new tab for web pages; mailto: and tel: open their own apps.
      <a key={i} href={x.href} target={/^https?:/.test(x.href) ? '_blank' : undefined} rel="noopener noreferrer" dir="auto">
        {withBreaks(x.s)}
      </a>
    );
  if (x.t === 'code') return <code key={i}>{withBreaks(x.s)}</code>;
  if (x.t === 'pre')
    return (
      <pre key={i} dir="auto">
        <code>{withBreaks(x.s)}</code>
      </pre>
    );
  const children = x.c.map(node);
  if (x.t === 'p') return <Fragment key={i}>{children}</Fragment>;
  const Tag = x.t;
  return (
    <Tag key={i} dir={x.t === 'li' ? 'auto' : undefined} start={x.start === 1 ? undefined : x.start}>
      {children}
    </Tag>
  );
}

/** Props of {@link RichText}. */
export interface RichTextProps {
  /** The part the text belongs to: the key of its cached parse. */
  source: object;
  text: string;
  i18n: I18n;
  /** Apply the rich-text subset (bot and operator messages); off, the text stays literal. */
  format?: boolean;
}

/** Renders `text` without ever interpreting HTML. */
export function RichText({ source, text, i18n, format = false }: RichTextProps): JSX.Element {
  const [limit, setLimit] = useState(TEXT_CAP);
  const doc = docOf(source, text, format);
  const shown = useMemo(() => {
    const { nodes, cut } = clip(doc, limit);
    return { nodes: nodes.map(node), cut };
  }, [doc, limit]);
  const reveal = (button: HTMLElement) => {
    const next = limit + TEXT_STEP;
    // The last step removes the button: keep focus in the transcript, not on the page behind.
    if (next >= doc.size) button.closest<HTMLElement>('[role="log"]')?.focus({ preventScroll: true });
    setLimit(next);
  };
  return (
    <>
      {shown.nodes}
      {shown.cut ? (
        <>
          {'…'}
          <button type="button" class="sc-more" onClick={(event) => reveal(event.currentTarget)}>
            {i18n.t('message.showMore')}
          </button>
        </>
      ) : null}
    </>
  );
}
