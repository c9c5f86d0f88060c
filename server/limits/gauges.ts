/**
 * Things held at once (sockets, long-polls) per key, on this process: a slot is taken when the
 * thing opens and given back when it ends.
 * @module
 */

/** Counts of held slots per key. */
export class Gauges {
  private readonly held = new Map<string, number>();

  /** Takes a slot of `key` if fewer than `max` are held; returns the release function, or null. */
  acquire(key: string, max: number): (() => void) | null {
    const n = this.held.get(key) ?? 0;
    if (n >= max) return null;
    this.held.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    };
  }

  /** Slots of `key` held now. */
  count(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
