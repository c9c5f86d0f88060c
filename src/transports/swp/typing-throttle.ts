/**
 * Outbound typing throttle: at most one "on" per interval, and one "off" after an "on".
 * @module
 */

/** Default minimum time between two "typing on" signals, ms. */
export const TYPING_INTERVAL_MS = 3000;

/** Returns `setTyping(on)` that forwards to `send` only when the signal is worth sending. */
export function createTypingThrottle(
  send: (on: boolean) => void,
  intervalMs: number = TYPING_INTERVAL_MS,
  now: () => number = Date.now,
): (on: boolean) => void {
  let lastOnAt = Number.NEGATIVE_INFINITY;
  let isOn = false;
  return (on) => {
    if (on) {
      if (now() - lastOnAt < intervalMs) return;
      lastOnAt = now();
      isOn = true;
      send(true);
    } else if (isOn) {
      isOn = false;
      send(false);
    }
  };
}
