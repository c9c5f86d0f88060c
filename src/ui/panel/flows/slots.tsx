/**
 * Where the flows sit in the dialog: each slot checks (cheaply, here in the panel stage) whether
 * its flow is shown, and only then asks for the flow's module. `usePrefetchFlows` starts loading
 * a flow when the conversation's state makes it likely, so it is usually in before it is shown.
 * @module
 */
import { effect } from '@preact/signals-core';
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { I18n } from '../../../i18n';
import type { PanelContext } from '../context';
import type { SensitiveGuardApi } from '../use-sensitive-guard';
import { LazyFlow } from './LazyFlow';

/** The identity-code step, while the handoff waits for a code. */
export function VerificationSlot({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const handoff = ctx.chat.state.handoff.value;
  if (handoff.state !== 'verification_required' || handoff.challenge === undefined) return null;
  return (
    <LazyFlow ctx={ctx} name="verify">
      {(m) => <m.VerificationForm ctx={ctx} />}
    </LazyFlow>
  );
}

/** The offline card, while no operator can take the chat. */
export function OfflineSlot({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const s = ctx.chat.state;
  if (s.handoff.value.state !== 'offline' || s.operator.value) return null;
  return (
    <LazyFlow ctx={ctx} name="offline">
      {(m) => <m.OfflineCard ctx={ctx} />}
    </LazyFlow>
  );
}

/** "What the operator will see", while the customer waits for a person (backends with `handoffPreview`). */
export function PreviewSlot({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const s = ctx.chat.state;
  const state = s.handoff.value.state;
  if ((state !== 'queued' && state !== 'offline') || s.operator.value || s.capabilities.value.handoffPreview !== true) return null;
  return (
    <LazyFlow ctx={ctx} name="preview">
      {(m) => <m.HandoffPreviewCard ctx={ctx} />}
    </LazyFlow>
  );
}

/** The conversation list (the Conversations button asks for it ahead, on pointer or focus). */
export function ConversationListSlot({ ctx, onBack }: { ctx: PanelContext; onBack(): void }): JSX.Element {
  return (
    <LazyFlow ctx={ctx} name="conversations">
      {(m) => <m.ConversationList ctx={ctx} onBack={onBack} />}
    </LazyFlow>
  );
}

/** The sensitive-data guard's card, while a message is held. */
export function GuardSlot({ ctx, guard, i18n }: { ctx: PanelContext; guard: SensitiveGuardApi; i18n: I18n }): JSX.Element | null {
  if (guard.held === null) return null;
  return (
    <LazyFlow ctx={ctx} name="guard">
      {(m) => <m.SensitiveGuard guard={guard} i18n={i18n} />}
    </LazyFlow>
  );
}

/**
 * Prefetches flows the conversation is heading for: a handoff under way may ask for a code or
 * find nobody online; a conversation with an operator ends with the closing cards.
 */
export function usePrefetchFlows(ctx: PanelContext): void {
  useEffect(
    () =>
      effect(() => {
        const s = ctx.chat.state;
        const handoff = s.handoff.value.state;
        if (handoff === 'requested' || handoff === 'queued') {
          if (s.capabilities.value.handoffPreview) ctx.flows.prefetch('preview');
          if (s.capabilities.value.verificationPolicy) ctx.flows.prefetch('verify');
          if (s.availability.value?.operatorsOnline === false) ctx.flows.prefetch('offline');
        }
        if (s.operator.value || s.rated.value !== null) ctx.flows.prefetch('ending');
      }),
    [],
  );
}
