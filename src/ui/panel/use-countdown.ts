/**
 * The queue's live countdown: the server's ETA counts down every second between its `queue`
 * updates (each update restarts it from the new figure), never below zero.
 * @module
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QueueInfo } from '../../core/model';

/** Seconds left of the queue's ETA now, or undefined when the server gave none. */
export function useQueueCountdown(queue: QueueInfo | null): number | undefined {
  const eta = queue?.etaSeconds;
  // A new queue object is a new figure from the server: count from when it arrived.
  const since = useMemo(() => Date.now(), [queue]);
  const [now, setNow] = useState(since);
  useEffect(() => {
    if (eta === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [queue, eta]);
  if (eta === undefined) return undefined;
  return Math.max(0, Math.round(eta - Math.max(0, now - since) / 1000));
}

/** "4:05", "0:59": minutes and seconds. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
