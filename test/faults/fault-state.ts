/**
 * The fault settings of a fault server, shared by its WebSocket links and its HTTP relay, and the
 * ledgers they write. Plain data: the control API in fault-server.ts changes it, the relays read it
 * for every frame or request.
 */

/** `in` = client → server, `out` = server → client. */
export type Direction = 'in' | 'out';

/** Faults applied to one direction. */
export interface DirectionFaults {
  /** Drop the next N frames (WS) / requests or responses (HTTP). */
  dropNext: number;
  /** Drop each frame with this probability. */
  dropP: number;
  /** Delay range per frame, ms (order is kept unless reordering). */
  delay: [number, number] | null;
  /** Send a frame twice with this probability (HTTP `in`: the request reaches the server twice). */
  duplicateP: number;
  /** Hold up to this many frames and release them in a seeded permutation (WS only); ≤ 1 = off. */
  reorderWindow: number;
}

/** Every active fault. */
export interface FaultState {
  in: DirectionFaults;
  out: DirectionFaults;
  /** Server `event` frames (WS) / poll events (HTTP) with these seqs are never delivered. */
  skipSeqs: Set<number>;
  /** The next N server `event` frames are not delivered. */
  skipNextEvents: number;
  /** The next N send acks (WS `ack` frames with a clientId / HTTP send responses) are lost after the server stored the message. */
  dropAcks: number;
  /** New connections / requests hang (TCP open, nothing answered) while set. */
  blackholeNew: boolean;
  /** Server → client traffic is dropped while set (client → server still passes). */
  muteOut: boolean;
  /** New WS upgrades and HTTP requests are refused with this status while set. */
  refuse: { status: number; retryAfterS?: number } | null;
  /** The next `remaining` HTTP requests (matching `route`, a regex over "METHOD /path", when set) get this status. */
  httpErrors: { status: number; retryAfterS?: number; remaining: number; route?: RegExp } | null;
}

/** Fresh state: no faults. */
export function noFaults(): FaultState {
  const dir = (): DirectionFaults => ({ dropNext: 0, dropP: 0, delay: null, duplicateP: 0, reorderWindow: 0 });
  return {
    in: dir(),
    out: dir(),
    skipSeqs: new Set(),
    skipNextEvents: 0,
    dropAcks: 0,
    blackholeNew: false,
    muteOut: false,
    refuse: null,
    httpErrors: null,
  };
}

/** What happened to one WebSocket frame. */
export type FrameFate = 'forwarded' | 'dropped' | 'skipped' | 'muted' | 'blackholed' | 'closed';

/** One WebSocket frame seen by the proxy. */
export interface FrameRecord {
  link: number;
  dir: Direction;
  at: number;
  /** Frame type (`t`), or '?' when not JSON. */
  t: string;
  seq?: number;
  clientId?: string;
  fate: FrameFate;
  copies: number;
}

/** One HTTP exchange seen by the proxy. */
export interface HttpRecord {
  at: number;
  method: string;
  path: string;
  /** Status the client got; 0 when it got none (dropped, reset, hung). */
  status: number;
  fault?: string;
  idempotencyKey?: string;
}

/** The proxy's ledgers. */
export interface ProxyLedger {
  frames: FrameRecord[];
  http: HttpRecord[];
}
