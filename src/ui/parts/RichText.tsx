/**
 * Untrusted text as text nodes and safe links, bounded: linkified once per part, the first
 * {@link TEXT_CAP} characters shown with "Show more" for the rest in steps, and a `<wbr>` inside
 * every long unbroken run so line breaking stays cheap.
 * @module
 */
import { Fragment, type JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { I18n } from '../../i18n';
import { breakRuns, clip, TEXT_CAP, TEXT_STEP, tokensOf } from './text-layout';

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

/** Props of {@link RichText}. */
export interface RichTextProps {
  /** The part the text belongs to: the key of its cached tokens. */
  source: object;
  text: string;
  i18n: I18n;
}

/** Renders `text` without ever interpreting markup. */
export function RichText({ source, text, i18n }: RichTextProps): JSX.Element {
  const [limit, setLimit] = useState(TEXT_CAP);
  const tokens = tokensOf(source, text);
  const shown = useMemo(() => {
    const { tokens: visible, cut } = clip(tokens, limit);
    const nodes = visible.map((token, i) =>
      token.kind === 'link' ? (
        <a key={i} href={token.href} target="_blank" rel="noopener noreferrer">
          {withBreaks(token.text)}
        </a>
      ) : (
        <Fragment key={i}>{withBreaks(token.text)}</Fragment>
      ),
    );
    return { nodes, cut };
  }, [tokens, limit]);
  const reveal = (button: HTMLElement) => {
    const next = limit + TEXT_STEP;
    // The last step removes the button: keep focus in the transcript, not on the page behind.
    if (next >= text.length) button.closest<HTMLElement>('[role="log"]')?.focus({ preventScroll: true });
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
