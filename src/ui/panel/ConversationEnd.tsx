/**
 * What follows a closed conversation at the end of the transcript: the rating (when the backend
 * takes one) and the transcript download.
 * @module
 */
import type { JSX } from 'preact';
import type { PanelContext } from './context';
import { LazyFlow } from './flows/LazyFlow';

/** The closing cards. */
export function ConversationEnd({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const s = ctx.chat.state;
  const rating = s.capabilities.value.rating;
  if (!rating && !ctx.loadTranscript) return null;
  return (
    <div class="sc-ending">
      <LazyFlow ctx={ctx} name="ending">
        {(m) => (
          <>
            {rating ? <m.RatingPrompt chat={ctx.chat} i18n={ctx.i18n} announce={ctx.announce} /> : null}
            <m.TranscriptDownload ctx={ctx} />
          </>
        )}
      </LazyFlow>
    </div>
  );
}
