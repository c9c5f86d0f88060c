/**
 * A keyed async lock: work queued under one key runs one at a time, in arrival order; different
 * keys run concurrently. The domain serializes each conversation's check-then-act sequences with it
 * (read the conversation → decide → patch → emit), which the synchronous store used to give for free.
 *
 * Not re-entrant: a function holding a key must not wait for the same key again.
 * @module
 */

/** Runs async work one at a time per key. */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` once every earlier `run` of the same key has settled; returns its result. */
  run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
