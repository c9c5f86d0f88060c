/**
 * The English strings the script tag's first stage needs before the dialog is wanted: the
 * launcher, the default title, connection notes and what the launcher announces. Every other
 * string is in `en.ts` and ships with the dialog (`support-chat.panel.js`); `scripts/build.mjs`
 * fails when the first stage uses a key that is not here.
 * @module
 */
export const enCore = {
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': { one: '{count} unread message', other: '{count} unread messages' },
  'launcher.loading': 'Opening the chat…',
  'launcher.loadFailed': "Couldn't open the chat. Check your connection and try again.",
  'header.title': 'Support',
  'status.reconnecting': 'Reconnecting…',
  'status.waitingNetwork': 'Waiting for network…',
  'status.backOnline': 'Back online',
  'message.you': 'You',
  'message.bot': 'Assistant',
  'message.agent': 'Operator',
  'handoff.joined': '{name} joined the chat',
  'size.bytes': '{size} B',
  'size.kilobytes': '{size} KB',
  'size.megabytes': '{size} MB',
} as const;
