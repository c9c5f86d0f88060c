/**
 * A clock that ticks every second while `running` (the code form's countdowns).
 * @module
 */
import { useEffect, useState } from 'preact/hooks';

/** `Date.now()`, re-rendered each second while `running`. */
export function useClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return now;
}
