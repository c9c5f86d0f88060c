/**
 * The server's second line of defence against card numbers in messages: whatever the widget let
 * through (an old client, a custom one, the raw API, an operator's paste) is masked before it is
 * stored, fanned out, shown to operators or handed to the bot. Only card numbers and their CVCs:
 * codes and passwords are the widget's business (the customer may knowingly send one), and a
 * masked text cannot be unmasked later, so the server masks only what must never be kept.
 * `maskCardNumbers: false` (env `MASK_CARD_NUMBERS=0`) keeps texts as typed, for deployments
 * that need the numbers (e.g. with their own PCI-scoped storage). Log lines are masked always.
 * @module
 */
import { maskSensitive, type SensitiveKind } from '../../src/protocol/sensitive';
import type { ServerContext } from './context';

/** What the server masks in stored text. */
export const SERVER_MASKED_KINDS: readonly SensitiveKind[] = ['card', 'cvc'];

/** Card numbers and CVCs of `text` masked (`•••• 1111`, `•••`). */
export function maskCards(text: string): string {
  return maskSensitive(text, { kinds: SERVER_MASKED_KINDS });
}

/** The text to store for a message typed by a customer or an operator. */
export function storedText(ctx: Pick<ServerContext, 'config'>, text: string): string {
  return ctx.config.maskCardNumbers ? maskCards(text) : text;
}
