/**
 * `LazyFlow`: renders a flow's components once its module is in. Until then a small placeholder
 * (a busy line, "Loading…"); a failed load says so with a Retry button. The flow is asked for only
 * when this component renders, so a dialog that never meets the flow never fetches it.
 * @module
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PanelContext } from '../context';
import type { FlowModules, FlowName } from './types';

/** Props of {@link LazyFlow}. */
export interface LazyFlowProps<K extends FlowName> {
  ctx: PanelContext;
  name: K;
  /** Renders the flow with its module. */
  children(mod: FlowModules[K]): ComponentChildren;
  /** Where the placeholder sits: a block in the footer, or a row of the transcript. @default 'sc-flow-wait' */
  class?: string;
}

/** The flow's module once it is in (null meanwhile), and a retry after a failure. */
export function useFlow<K extends FlowName>(ctx: PanelContext, name: K): { mod: FlowModules[K] | null; failed: boolean; retry(): void } {
  const [mod, setMod] = useState<FlowModules[K] | null>(() => ctx.flows.peek(name) ?? null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (mod) return;
    let live = true;
    ctx.flows.load(name).then(
      (m) => live && setMod(() => m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = () => {
    setFailed(false);
    setAttempt((n) => n + 1);
  };
  return { mod, failed, retry };
}

/** The flow, or its placeholder while it loads. */
export function LazyFlow<K extends FlowName>(props: LazyFlowProps<K>): JSX.Element {
  const { ctx } = props;
  const { mod, failed, retry } = useFlow(ctx, props.name);
  if (mod) return <>{props.children(mod)}</>;
  const cls = props.class ?? 'sc-flow-wait';
  if (failed) {
    return (
      <p class={cls} role="alert">
        {ctx.i18n.t('error.generic')}{' '}
        <button type="button" class="sc-link-btn" onClick={retry}>
          {ctx.i18n.t('message.retry')}
        </button>
      </p>
    );
  }
  return (
    <p class={cls} aria-busy="true">
      {ctx.i18n.t('list.loading')}
    </p>
  );
}
