/**
 * `custom` parts, drawn by the host's `renderPart`: a string is shown as text (never HTML), a
 * Node is appended inside the shadow root. No renderer, nothing returned, or a renderer that
 * throws: a neutral "Unsupported content" line, and (for the last two) one `error` per part.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { ChatError } from '../../core/errors';
import type { ChatMessage, Part } from '../../core/model';
import type { PartEntry, PartEnv, PartProps } from './types';

type CustomPart = Extract<Part, { kind: 'custom' }>;

/** What the host's renderer gave for a part, or why it gave nothing usable. */
type Outcome = { node: Node } | { text: string } | { failure?: unknown };

// Per part object: a re-render neither calls the host again nor builds a second Node.
const outcomes = new WeakMap<object, Outcome>();
const reported = new WeakSet<object>();

/** By node type, not instanceof: the host may build its Node in another realm. */
const isNode = (value: unknown): value is Node => typeof (value as Node | null)?.nodeType === 'number';

function callHost(part: CustomPart, message: ChatMessage, env: PartEnv): Outcome {
  if (!env.renderPart) return {};
  try {
    const out = env.renderPart({ type: part.type, data: part.data }, message);
    return typeof out === 'string' ? { text: out } : isNode(out) ? { node: out } : { failure: out ?? null };
  } catch (error) {
    return { failure: error ?? null };
  }
}

function outcomeOf(part: CustomPart, message: ChatMessage, env: PartEnv): Outcome {
  let outcome = outcomes.get(part);
  if (!outcome) outcomes.set(part, (outcome = callHost(part, message, env)));
  return outcome;
}

/** Appends the host's Node into a container preact does not otherwise touch. */
function HostNode({ node }: { node: Node }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.append(node);
    return () => node.parentNode?.removeChild(node);
  }, [node]);
  return <div class="sc-custom" ref={ref} />;
}

function CustomView({ part, message, env }: PartProps<CustomPart>): JSX.Element {
  const outcome = outcomeOf(part, message, env);
  const failure = 'failure' in outcome ? outcome.failure : undefined;
  useEffect(() => {
    if (failure === undefined || reported.has(part)) return;
    reported.add(part);
    env.reportError(new ChatError(`renderPart failed on "${part.type}"`, { cause: failure }));
  }, [part, failure]);
  if ('node' in outcome) return <HostNode node={outcome.node} />;
  if ('text' in outcome)
    return (
      <div class="sc-custom" dir="auto">
        {outcome.text}
      </div>
    );
  return <div class="sc-custom sc-custom--unsupported">{env.i18n.t('message.unsupported')}</div>;
}

/** Registry entry of `custom` parts. */
export const customPart: PartEntry<CustomPart> = { View: CustomView };
