/**
 * English strings of the dialog's rarely met flows, each table shipped with its flow's stage file
 * (src/embed/stages/<flow>.ts registers it); `en.ts` spreads them all into the reference table.
 * A key used outside its flow belongs in `en.ts`.
 * @module
 */

/** The identity-code step (`support-chat.verify.js`). */
export const enVerify = {
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
} as const;

/** Rating and transcript download (`support-chat.ending.js`). */
export const enEnding = {
  'rating.prompt': 'How did we do?',
  'rating.star': { one: '{count} star out of 5', other: '{count} stars out of 5' },
  'rating.thanks': 'Thank you for your feedback!',
  'ending.comment': 'Anything to add? (optional)',
  'ending.charsLeft': { one: '{count} character left', other: '{count} characters left' },
  'ending.send': 'Send rating',
  'ending.skip': 'Skip',
  'ending.transcript': 'Save a copy of this conversation',
  'ending.text': 'Text (.txt)',
  'ending.html': 'Web page (.html)',
  'ending.downloaded': 'Transcript saved',
  'ending.failed': "Couldn't save the transcript. Check your connection and try again.",
} as const;

/** The conversation list (`support-chat.conversations.js`). */
export const enConversations = {
  'convs.title': 'Your conversations',
  'convs.newIn': 'New conversation: {channel}',
  'convs.readOnly': 'Read-only',
  'convs.closed': 'Closed',
  'convs.current': 'Open now',
  'convs.empty': 'No messages yet',
  'convs.you': 'You: {text}',
  'convs.unsent': 'Send or remove your unsent messages first.',
} as const;

/** The offline card and leave a message (`support-chat.offline.js`). */
export const enOffline = {
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
} as const;

/** What the operator will see (`support-chat.preview.js`). */
export const enPreview = {
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
} as const;

/** The sensitive-data guard's card (`support-chat.guard.js`). */
export const enGuard = {
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
} as const;
