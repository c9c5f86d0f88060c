/**
 * CLI flags and environment variables of limits beyond `limits` (windows per session and address, body timeouts, upload quotas) (see settings-table.ts).
 * Windows are written `MAX/SECONDS`, e.g. `--frames-per-session 100/10`.
 * @module
 */
import type { ServerOptions } from '../config';
import { type ExtraLimitSettings, parseWindow } from '../limits/settings';
import type { Setting } from './settings-table';

type WindowKey = {
  [K in keyof ExtraLimitSettings]: ExtraLimitSettings[K] extends { max: number } ? K : never;
}[keyof ExtraLimitSettings];
type NumberKey = { [K in keyof ExtraLimitSettings]: ExtraLimitSettings[K] extends number ? K : never }[keyof ExtraLimitSettings];

const set = (o: ServerOptions, patch: Partial<ExtraLimitSettings>): void => {
  o.extraLimits = { ...o.extraLimits, ...patch };
};

function windowSetting(flag: string, key: WindowKey, help: string): Setting {
  const env = `RATE_${flag.toUpperCase().replace(/-/g, '_')}`;
  return { flag, env, kind: 'string', help: `${help}, MAX/SECONDS`, apply: (o, v) => set(o, { [key]: parseWindow(String(v)) }) };
}

function numberSetting(flag: string, env: string, key: NumberKey, help: string, scale = 1): Setting {
  return { flag, env, kind: 'number', help, apply: (o, v) => set(o, { [key]: Number(v) * scale }) };
}

/** The settings of limits beyond `limits` (windows per session and address, body timeouts, upload quotas). */
export const LIMIT_SETTINGS: readonly Setting[] = [
  windowSetting('frames-per-session', 'framesPerSession', 'customer frames/requests per session (100/10)'),
  windowSetting('frames-per-ip', 'framesPerIp', 'customer frames/requests per address (1000/10)'),
  windowSetting('messages-per-session', 'messagesPerSession', 'messages per session (120/60)'),
  windowSetting('messages-per-ip', 'messagesPerIp', 'messages per address (600/60)'),
  windowSetting('handoffs-per-session', 'handoffsPerSession', 'handoff requests per session (10/3600)'),
  windowSetting('handoffs-per-ip', 'handoffsPerIp', 'handoff requests per address (100/3600)'),
  windowSetting('uploads-per-session', 'uploadsPerSession', 'uploads per session or operator (20/3600)'),
  windowSetting('uploads-per-ip', 'uploadsPerIp', 'uploads per address (200/3600)'),
  windowSetting('upload-bytes-per-session', 'uploadBytesPerSession', 'upload bytes per session or operator (104857600/3600)'),
  windowSetting('upload-bytes-per-ip', 'uploadBytesPerIp', 'upload bytes per address (1048576000/3600)'),
  windowSetting('sessions-per-ip', 'sessionsPerIp', 'new sessions per address (60/600)'),
  windowSetting('operator-frames', 'operatorFrames', 'console frames per operator (200/10)'),
  numberSetting('sockets-per-session', 'SOCKETS_PER_SESSION', 'socketsPerSession', 'customer sockets open per session (8)'),
  numberSetting('sockets-per-ip', 'SOCKETS_PER_IP', 'socketsPerIp', 'customer sockets open per address (50)'),
  numberSetting('long-polls-per-session', 'LONG_POLLS_PER_SESSION', 'longPollsPerSession', 'long-polls held per session (2)'),
  numberSetting('body-idle-timeout', 'BODY_IDLE_TIMEOUT', 'bodyIdleTimeoutMs', 'seconds a request body may stall (10)', 1000),
  numberSetting('body-timeout', 'BODY_TIMEOUT', 'bodyTotalTimeoutMs', 'seconds a request body may take (60)', 1000),
  numberSetting('upload-ttl-hours', 'UPLOAD_TTL_HOURS', 'uploadTtlMs', 'hours an unattached upload is kept (24)', 3_600_000),
  {
    flag: 'trusted-proxies',
    env: 'TRUSTED_PROXIES',
    kind: 'string',
    help: 'comma-separated proxy IPs whose X-Forwarded-For counts',
    apply: (o, v) => {
      o.trustedProxies = String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    },
  },
];
