/**
 * English strings: the reference table. Every other locale must translate every key.
 * `{name}` marks a placeholder; objects are plural forms chosen from `count`.
 * @module
 */
export const en = {
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': { one: '{count} unread message', other: '{count} unread messages' },
  'launcher.loading': 'Opening the chat…',
  'launcher.loadFailed': "Couldn't open the chat. Check your connection and try again.",

  'header.title': 'Support',
  'header.close': 'Close chat',
  'header.operator': 'You are chatting with {name}',

  'status.online': 'Online',
  'status.replyTime': { one: 'Usually replies in {count} minute', other: 'Usually replies in {count} minutes' },
  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Reconnecting…',
  'status.waitingNetwork': 'Waiting for network…',
  'status.backOnline': 'Back online',
  'status.failed': 'Cannot connect right now',
  'status.ended': 'Chat ended',
  'status.operatorsOffline': 'Operators are offline',
  'status.backAt': 'Operators are back at {time}',

  'typing.named': '{name} is typing…',
  'typing.anonymous': 'Typing…',

  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'composer.attach': 'Attach a file',
  'composer.newLineHint': 'Press Enter to send, Shift+Enter for a new line',

  'message.you': 'You',
  'message.bot': 'Assistant',
  'message.agent': 'Operator',
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
  'handoff.verifyTitle': 'Confirm it is you',
  'handoff.verifyPrompt': 'Enter the code we sent to {destination}',
  'handoff.verifyPromptGeneric': 'Enter the code we sent you',
  'handoff.codeLabel': 'One-time code',
  'handoff.submit': 'Confirm',
  'handoff.checking': 'Checking…',
  'handoff.invalid': { one: 'Wrong code. {count} attempt left', other: 'Wrong code. {count} attempts left' },
  'handoff.invalidGeneric': 'Wrong code. Please try again.',
  'handoff.expired': 'The code has expired.',
  'handoff.resend': 'Send a new code',
  'handoff.queueWaiting': 'Waiting for a free operator…',
  'handoff.queuePosition': 'You are number {position} in the queue',
  'handoff.queuePositionEta': 'You are number {position} in the queue, about {minutes} min',
  'handoff.joined': '{name} joined the chat',
  'handoff.left': '{name} left the chat',
  'handoff.rejected': 'No operator can take the chat right now. Please try again later.',
  'handoff.offline': 'Our operators are offline. Leave a message and we will reply.',
  'handoff.offlineBackAt': 'Our operators are offline and back at {time}. Leave a message and we will reply.',

  'conversation.closed': 'Conversation closed',

  'rating.prompt': 'How did we do?',
  'rating.star': { one: '{count} star out of 5', other: '{count} stars out of 5' },
  'rating.thanks': 'Thank you for your feedback!',

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

  'size.bytes': '{size} B',
  'size.kilobytes': '{size} KB',
  'size.megabytes': '{size} MB',

  // — urgent and bot (bot) —

  // — availability and leave-a-message (avail) —

  // — code step (code) —

  // — sensitive-data guard (guard) —

  // — rich text (rich) —

  // — conversations and notifications (convs) —
  'convs.button': 'Conversations',
  'convs.title': 'Your conversations',
  'convs.back': 'Back to the conversation',
  'convs.new': 'New conversation',
  'convs.newIn': 'New conversation: {channel}',
  'convs.channel.support': 'Support',
  'convs.channel.notifications': 'Notifications',
  'convs.channel.documents': 'Documents',
  'convs.readOnly': 'Read-only',
  'convs.readOnlyNote': 'This channel is read-only',
  'convs.closed': 'Closed',
  'convs.current': 'Open now',
  'convs.empty': 'No messages yet',
  'convs.you': 'You: {text}',
  'convs.opened': '{title} opened',
  'convs.unsent': 'Send or remove your unsent messages first.',
  'convs.failed': 'Could not open the conversation. Please try again.',
  'convs.ended': 'This conversation has ended.',

  // — handoff context and queue (queue) —

  // — ending: rating, transcript (ending) —
} as const;
