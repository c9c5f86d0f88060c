/**
 * Untrusted text as text nodes, with http(s)/mailto/tel URLs turned into safe links.
 * @module
 */
import type { JSX } from 'preact';
import { linkify } from '../shared/linkify';

/** Renders `text` without ever interpreting markup. */
export function LinkifiedText({ text }: { text: string }): JSX.Element {
  return (
    <>
      {linkify(text).map((token, i) =>
        token.kind === 'link' ? (
          <a key={i} href={token.href} target="_blank" rel="noopener noreferrer">
            {token.text}
          </a>
        ) : (
          token.text
        ),
      )}
    </>
  );
}
