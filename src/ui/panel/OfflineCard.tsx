/**
 * The honest card shown while a request for a person waits for the next shift (handoff state
 * `offline`): when people are back (the same phrase as the status line and the server's notice),
 * the emergency line as a `tel:` link when the backend has one, and the leave-a-message step
 * (capability `leaveMessage`) or, once a contact is left, what happens next. Never a spinner.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ContactDetails } from '../../core/model';
import { formatReturnTime } from '../../protocol/when';
import type { PanelContext } from './context';
import { LeaveMessage, type LeftContact } from './LeaveMessage';

/** Why the server says `offline` once the customer left a contact (see server/domain/offline.ts). */
export const CONTACT_LEFT = 'contact_left';

/** What the customer left in this page, for the confirmation (a reload shows the short form). */
const leftHere = new WeakMap<object, LeftContact & { fresh?: boolean }>();

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** "We will also write to …", "We will call you at … (morning)". */
function howWeReach(ctx: PanelContext, left: LeftContact | undefined): string[] {
  const { i18n } = ctx;
  const c: ContactDetails = left?.contact ?? {};
  const out: string[] = [];
  if (c.email) out.push(i18n.t('avail.willEmail', { email: c.email }));
  if (c.phone) {
    const w = left?.callbackWindow ?? 'any';
    const window = w.includes(':') ? w : i18n.t(`avail.cb.${w as 'any'}`).toLocaleLowerCase(i18n.locale);
    out.push(i18n.t('avail.willCall', { phone: c.phone, window }));
  }
  return out;
}

function Confirmation({ ctx, when }: { ctx: PanelContext; when: string }): JSX.Element {
  const { i18n } = ctx;
  const ref = useRef<HTMLParagraphElement>(null);
  const left = leftHere.get(ctx.chat);
  useEffect(() => {
    // Right after leaving a contact, focus follows the form that went away (not after a reload).
    if (left?.fresh) ref.current?.focus();
    if (left) left.fresh = false;
  }, []);
  return (
    <>
      <p class="sc-offline-title" tabIndex={-1} ref={ref}>
        <span class="sc-offline-check" aria-hidden="true">
          ✓
        </span>
        {i18n.t('avail.doneTitle')}
      </p>
      <p class="sc-offline-text">{when ? i18n.t('avail.doneShift', { when }) : i18n.t('avail.doneSoon')}</p>
      {howWeReach(ctx, left).map((line) => (
        <p class="sc-offline-text" key={line} dir="auto">
          {line}
        </p>
      ))}
    </>
  );
}

/** The offline card, or nothing. */
export function OfflineCard({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { chat, i18n } = ctx;
  const s = chat.state;
  const handoff = s.handoff.value;
  const caps = s.capabilities.value;
  if (handoff.state !== 'offline' || s.operator.value) return null;
  const next = s.availability.value?.nextOpenAt;
  const when = next ? formatReturnTime(next, i18n.locale) : '';
  const done = handoff.reason === CONTACT_LEFT;
  const phone = caps.emergencyPhone;
  return (
    <section class="sc-offline" aria-labelledby="sc-offline-title">
      {done ? (
        <Confirmation ctx={ctx} when={when} />
      ) : (
        <>
          <p class="sc-offline-title" id="sc-offline-title">
            {i18n.t('avail.title')}
          </p>
          {when ? <p class="sc-offline-text">{i18n.t('avail.back', { when })}</p> : null}
          <p class="sc-offline-text">{i18n.t(caps.leaveMessage ? 'avail.intro' : 'avail.kept')}</p>
        </>
      )}
      {phone ? (
        <p class="sc-offline-urgent">
          {i18n.t('avail.urgent')}{' '}
          <a href={telHref(phone)} rel="noopener noreferrer" dir="ltr">
            {phone}
          </a>
        </p>
      ) : null}
      {caps.leaveMessage && !done ? (
        <LeaveMessage
          ctx={ctx}
          onLeaving={(left) => leftHere.set(chat, { ...left, fresh: true })}
          onFailed={() => leftHere.delete(chat)}
          onLeft={() => {
            ctx.announce(`${i18n.t('avail.doneTitle')}. ${when ? i18n.t('avail.doneShift', { when }) : i18n.t('avail.doneSoon')}`);
          }}
        />
      ) : null}
    </section>
  );
}
