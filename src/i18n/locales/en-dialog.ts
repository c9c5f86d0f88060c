/**
 * English strings of the dialog (with the first stage's, `en-core.ts`): what the panel stage
 * registers. The strings of its rarely met flows are in `en-flows.ts`; `en.ts` joins them all.
 * @module
 */
import { enCore } from './en-core';

/** The dialog's own strings with the first stage's: what the panel stage registers. */
export const enDialog = {
  ...enCore,

  'header.close': 'Close chat',
  'header.operator': 'You are chatting with {name}',

  'status.online': 'Online',
  'status.replyTime': { one: 'Usually replies in {count} minute', other: 'Usually replies in {count} minutes' },
  'status.connecting': 'Connecting…',
  'status.failed': 'Cannot connect right now',
  'status.ended': 'Chat ended',
  'status.operatorsOffline': 'Operators are offline',

  'typing.named': '{name} is typing…',
  'typing.anonymous': 'Typing…',

  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'composer.attach': 'Attach a file',
  'composer.newLineHint': 'Press Enter to send, Shift+Enter for a new line',

  'message.status.queued': 'Waiting to send',
  'message.status.sending': 'Sending…',
  'message.status.sent': 'Sent',
  'message.status.delivered': 'Delivered',
  'message.status.read': 'Read',
  'message.status.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.delete': 'Delete',
  'message.failed.tooLarge': 'The file is too large.',
  'message.failed.fileType': 'This file type is not accepted.',
  'message.failed.uploadInterrupted': 'The file upload was interrupted: attach it again.',
  'message.openLink': 'Open link',
  'message.download': 'Download {name}',
  'message.file': 'File',
  'message.showMore': 'Show more',
  'message.unsupported': 'Unsupported content',

  'list.label': 'Conversation',
  'list.loadEarlier': 'Load earlier messages',
  'list.loading': 'Loading…',
  'list.newMessages': 'New messages ↓',
  'list.empty': 'Ask us anything. We are here to help.',

  'announce.said': '{name} said: {text}',
  'announce.sentFile': '{name} sent a file: {file}',
  'announce.newMessages': { one: '{count} new message', other: '{count} new messages' },
  'announce.sendFailed': 'Your message was not sent',

  'handoff.talk': 'Talk to a person',
  'handoff.requested': 'Connecting you to a person…',
  'handoff.queueWaiting': 'Waiting for a free operator…',
  'handoff.queuePosition': 'You are number {position} in the queue',
  'handoff.queuePositionEta': 'You are number {position} in the queue, about {minutes} min',
  'handoff.left': '{name} left the chat',
  'handoff.rejected': 'No operator can take the chat right now. Please try again later.',

  'conversation.closed': 'Conversation closed',

  'upload.progress': 'Uploading {name}, {percent}%',
  'upload.cancel': 'Cancel upload of {name}',
  'upload.remove': 'Remove {name}',
  'upload.started': 'Uploading {name}',
  'upload.done': '{name} uploaded',

  'error.generic': 'Something went wrong. Please try again.',
  'error.fileTooLarge': '{name} is too large. The limit is {size}.',
  'error.fileType': '{name}: this file type is not supported.',
  'error.tooManyFiles': { one: 'You can attach {count} file at a time.', other: 'You can attach up to {count} files at a time.' },
  'error.dismiss': 'Dismiss',

  // — urgent and bot (bot) —

  // — availability and leave-a-message (avail) —
  'avail.statusBack': 'Back {when}',

  // — rich text (rich) —

  // — conversations and notifications (convs) —
  'convs.button': 'Conversations',
  'convs.back': 'Back to the conversation',
  'convs.new': 'New conversation',
  'convs.channel.support': 'Support',
  'convs.channel.notifications': 'Notifications',
  'convs.channel.documents': 'Documents',
  'convs.readOnlyNote': 'This channel is read-only',
  'convs.opened': '{title} opened',
  'convs.failed': 'Could not open the conversation. Please try again.',
  'convs.ended': 'This conversation has ended.',

  // — handoff context and queue (queue) —
  'queue.eta': 'Estimated wait {time}',
  'queue.anyMoment': 'An operator will be with you any moment now',
  'queue.moved': 'You are now number {position} in the queue',
  'queue.leave': 'Leave the queue',
  'queue.left': 'You left the queue',

  // — ending: rating, transcript (ending) —
  'ending.title': 'Conversation transcript',
  'ending.saved': 'Saved',
  'ending.attachment': 'Attachment',
  'ending.system': 'Notice',
} as const;
