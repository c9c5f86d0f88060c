/**
 * Optional new-message sound: a short beep made with WebAudio (no audio file), once per message
 * however many tabs are open. It plays for bot/operator messages the user is not looking at
 * (dialog closed or page hidden). The visible tab plays at once; the leader tab (the one holding
 * the connection) plays a moment later only if no tab played it and no tab showed the message.
 * Blocked audio (autoplay policy, no WebAudio) is silently skipped.
 * @module
 */
import type { Chat } from '../core/chat';

/** Options of {@link watchSound}. */
export interface SoundOptions {
  isPageVisible: () => boolean;
  /** True in the tab that holds the connection (or the only tab). */
  isLeader: () => boolean;
  /** True when another tab showed this message. */
  seenElsewhere: (messageId: string) => boolean;
  /** Claims the beep for this message across tabs; false when another tab already played it. */
  claimSound: (messageId: string) => boolean;
  /** Where a first click or key press unlocks audio. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
  /** AudioContext constructor. @default globalThis.AudioContext ?? webkitAudioContext */
  AudioContext?: typeof AudioContext;
  /** How long the leader waits for a visible tab to play first, ms. @default 300 */
  leaderDelayMs?: number;
}

/** Messages older than this when they arrive are history: no sound. */
const FRESH_MS = 2 * 60_000;
/** At most one beep per this many ms (bursts of bot messages beep once). */
const MIN_GAP_MS = 1500;

/** Starts listening; returns the function that stops it and closes the audio context. */
export function watchSound(chat: Chat, options: SoundOptions): () => void {
  const Ctor =
    options.AudioContext ??
    (globalThis as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  const delay = options.leaderDelayMs ?? 300;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let ctx: AudioContext | null = null;
  let lastBeep = 0;

  const context = (): AudioContext | null => {
    if (!Ctor) return null;
    try {
      ctx ??= new Ctor();
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      return ctx;
    } catch {
      return null;
    }
  };
  const beep = () => {
    const now = Date.now();
    if (now - lastBeep < MIN_GAP_MS) return;
    lastBeep = now;
    try {
      const c = context();
      if (c?.state !== 'running') return;
      const t = c.currentTime;
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(880, t);
      osc.frequency.setValueAtTime(660, t + 0.09);
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.08, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
      osc.connect(gain);
      gain.connect(c.destination);
      osc.start(t);
      osc.stop(t + 0.21);
    } catch {
      // Audio blocked or unavailable: the badge and title still tell the user.
    }
  };
  const unseen = () => !(chat.state.isOpen.peek() && options.isPageVisible());

  // Browsers start audio only after a user gesture in the page: prepare it on the first one.
  const doc = options.document ?? globalThis.document;
  const unlock = () => {
    context();
    doc?.removeEventListener('pointerdown', unlock, true);
    doc?.removeEventListener('keydown', unlock, true);
  };
  doc?.addEventListener('pointerdown', unlock, true);
  doc?.addEventListener('keydown', unlock, true);

  const off = chat.on('message', (m) => {
    if (m.from.role !== 'bot' && m.from.role !== 'agent') return;
    const at = Date.parse(m.createdAt);
    if (!Number.isNaN(at) && Date.now() - at > FRESH_MS) return;
    if (!unseen()) return;
    if (options.isPageVisible()) {
      if (options.claimSound(m.id)) beep();
      return;
    }
    if (!options.isLeader()) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (chat.destroyed || !unseen() || options.seenElsewhere(m.id)) return;
      if (options.claimSound(m.id)) beep();
    }, delay);
    timers.add(timer);
  });

  return () => {
    off();
    for (const t of timers) clearTimeout(t);
    timers.clear();
    doc?.removeEventListener('pointerdown', unlock, true);
    doc?.removeEventListener('keydown', unlock, true);
    void ctx?.close().catch(() => undefined);
    ctx = null;
  };
}
