/**
 * English strings: the reference table. Every other locale must translate every key.
 * `{name}` marks a placeholder; objects are plural forms chosen from `count`.
 * The strings the first stage of the script tag needs are in `en-core.ts` (spread in here);
 * the rest ship with the dialog's stage file.
 * @module
 */
import { enCore } from './en-core';

export const en = {
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
  'handoff.left': '{name} left the chat',
  'handoff.rejected': 'No operator can take the chat right now. Please try again later.',

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

  // — urgent and bot (bot) —

  // — availability and leave-a-message (avail) —
  'avail.statusBack': 'Back {when}',
  'avail.title': 'Our operators are offline',
  'avail.back': 'They are back {when}.',
  'avail.intro': 'Leave a message and how to reach you: the next shift will reply here.',
  'avail.kept': 'Your messages here are kept for the next shift.',
  'avail.urgent': 'Urgent? Call',
  'avail.contact': 'E-mail or phone',
  'avail.callback': 'Best time to call',
  'avail.cb.any': 'Any time',
  'avail.cb.morning': 'Morning',
  'avail.cb.afternoon': 'Afternoon',
  'avail.cb.evening': 'Evening',
  'avail.cb.at': 'At a set time',
  'avail.time': 'Time to call',
  'avail.note': 'Your message',
  'avail.send': 'Leave message',
  'avail.sending': 'Sending…',
  'avail.missing': 'Enter an e-mail or a phone number.',
  'avail.badEmail': 'Check the e-mail address.',
  'avail.badPhone': 'Check the phone number: 7 to 15 digits.',
  'avail.doneTitle': 'Message left',
  'avail.doneShift': 'An operator of the next shift (it starts {when}) will reply here.',
  'avail.doneSoon': 'An operator will reply here as soon as one is available.',
  'avail.willEmail': 'We will also write to {email}.',
  'avail.willCall': 'We will call you at {phone} ({window}).',

  // — code step (code) —
  'code.expiresIn': 'Code expires in {time}',
  'code.locked': 'Too many wrong codes: this code is locked.',
  'code.newIn': 'You can ask for a new code in {time}.',
  'code.newNow': 'You can ask for a new code now.',
  'code.resendIn': 'New code in {time}',
  'code.sent': 'We sent you a new code.',
  'code.tooSoon': 'Please wait a little before asking for another code.',
  'code.help': "Didn't get a code?",
  'code.helpText': 'An SMS can take a minute. Check your phone has signal, then ask for a new code.',
  'code.call': 'Call us: {phone}',
  'code.skip': 'Continue without a code',
  'code.skipNote': 'An operator can help with general questions, but not with your account.',

  // — sensitive-data guard (guard) —
  'guard.title': 'This message contains private data',
  'guard.card': 'a card number ending {last4}',
  'guard.cvc': 'a card security code (CVC)',
  'guard.code': 'a one-time code or PIN',
  'guard.password': 'a password',
  'guard.why': 'We never ask for card details in the chat. Mask them before sending, or edit the message.',
  'guard.whyCode': 'Our staff never ask for codes or passwords: anyone who does is a fraudster.',
  'guard.preview': 'Will be sent as: {text}',
  'guard.mask': 'Mask and send',
  'guard.edit': 'Edit',
  'guard.anyway': 'Send anyway',

  // — rich text (rich) —

  // — conversations and notifications (convs) —

  // — handoff context and queue (queue) —
  'queue.eta': 'Estimated wait {time}',
  'queue.anyMoment': 'An operator will be with you any moment now',
  'queue.moved': 'You are now number {position} in the queue',
  'queue.leave': 'Leave the queue',
  'queue.left': 'You left the queue',
  'queue.urgent': 'Urgent: you are ahead in the queue',
  'preview.title': 'What the operator will see',
  'preview.topic': 'Topic',
  'preview.noTopic': 'Not chosen yet',
  'preview.path': 'Your choices',
  'preview.questions': 'Your questions',
  'preview.files': { one: '{count} file: {names}', other: '{count} files: {names}' },
  'preview.page': 'Page',
  'preview.noteLabel': 'Note for the operator (optional)',
  'preview.noteCount': '{count} of {max} characters',
  'preview.saveNote': 'Save note',
  'preview.noteSaved': 'Note saved. The operator will read it first.',
  'preview.noteFailed': 'The note was not saved. Please try again.',
  'preview.loadFailed': 'Could not load what the operator will see.',

  // — ending: rating, transcript (ending) —
  'ending.comment': 'Anything to add? (optional)',
  'ending.charsLeft': { one: '{count} character left', other: '{count} characters left' },
  'ending.send': 'Send rating',
  'ending.skip': 'Skip',
  'ending.transcript': 'Save a copy of this conversation',
  'ending.text': 'Text (.txt)',
  'ending.html': 'Web page (.html)',
  'ending.downloaded': 'Transcript saved',
  'ending.failed': "Couldn't save the transcript. Check your connection and try again.",
  'ending.title': 'Conversation transcript',
  'ending.saved': 'Saved',
  'ending.attachment': 'Attachment',
  'ending.system': 'Notice',
} as const;
