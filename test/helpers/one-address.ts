/**
 * Per-address limits lifted, for test servers whose hundreds of clients all come from 127.0.0.1
 * (the per-session limits stay as configured). See README "Limits".
 */
import type { ExtraLimitSettings } from '../../server/limits/settings';

const LOTS = 1_000_000_000;

export const ONE_ADDRESS_LIMITS: Partial<ExtraLimitSettings> = {
  framesPerIp: { max: LOTS, windowMs: 10_000 },
  messagesPerIp: { max: LOTS, windowMs: 60_000 },
  handoffsPerIp: { max: LOTS, windowMs: 3_600_000 },
  uploadsPerIp: { max: LOTS, windowMs: 3_600_000 },
  uploadBytesPerIp: { max: LOTS * 1000, windowMs: 3_600_000 },
  sessionsPerIp: { max: LOTS, windowMs: 600_000 },
  socketsPerIp: LOTS,
};
