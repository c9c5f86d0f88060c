/**
 * Shape of the editable bot content files (`content/en.json`, `content/ru.json`).
 * See `content/README.md` for an editor's guide. `validateContent` checks a parsed file
 * against these types and its cross-references.
 * @module
 */

/** A button in the content. Exactly one of the target fields is set. */
export type ContentLink =
  | { label: string; goto: string }
  | { label: string; flow: string }
  | { label: string; url: string }
  | { label: string; handoff: true }
  | { label: string; menu: true };

/** A rich card (e.g. a card product or a tariff plan). */
export interface ContentCard {
  title: string;
  subtitle?: string;
  text?: string;
  imageUrl?: string;
  actions?: ContentLink[];
}

/**
 * An answer: a topic (when listed in a segment menu) or a sub-question of a topic.
 * `topic` defaults to the node's own id, so topic nodes need not set it.
 */
export interface ContentNode {
  /** Short name, used as the menu label for topics. */
  title: string;
  /** Topic id this node belongs to (a node listed in a segment menu). */
  topic?: string;
  text: string;
  cards?: ContentCard[];
  /** Quick replies; "Back to topics" and "Talk to a person" are always added. */
  replies?: ContentLink[];
  /** Free-text keywords: whole words, `word*` for a stem (prefix), several words for a phrase. */
  keywords?: string[];
}

/**
 * A simulated action on the customer's card or account that asks for confirmation first (e.g.
 * blocking a card). It is carried out only for a verified customer; anyone else gets `unverified`
 * (or `ui.verifyFirst`) and a person instead of a confirmation.
 */
export interface ContentFlow {
  title: string;
  /** Topic id this flow belongs to. */
  topic: string;
  /** The question, e.g. "Block your card? …". */
  ask: string;
  confirmLabel?: string;
  cancelLabel?: string;
  /** Result after confirmation. */
  done: string;
  /** Text after cancel. */
  cancelled: string;
  /** Quick replies after confirmation. */
  after?: ContentLink[];
  keywords?: string[];
  /** Said instead of asking when the customer is not verified; defaults to `ui.verifyFirst`. */
  unverified?: string;
  /** A security action: an unverified customer is offered the priority person (and the emergency line when offline). */
  urgent?: boolean;
}

/**
 * An urgent case (fraud, a suspicious call, a lost card), recognised in both segments ahead of
 * ordinary answers. The answer is a short safety instruction with a one-tap priority person.
 */
export interface ContentUrgent {
  /** Short name, for editors and logs. */
  title: string;
  /** Topic reported to the operator when the segment has it (e.g. `security`). */
  topic?: string;
  /** The safety instruction while operators are online. */
  text: string;
  /** The instruction while nobody is online: say so honestly. */
  offlineText: string;
  /** More buttons (links to flows or nodes the segment cannot see are left out). */
  replies?: ContentLink[];
  keywords: string[];
}

/** "Please call me back": not a question, but a request for a person. */
export interface ContentCallback {
  keywords: string[];
  /** While operators are online. */
  text: string;
  /** While nobody is online: the button leads to leaving a message. */
  offlineText: string;
  /** Label of the person button. */
  button: string;
}

/** A keyword intent with an answer text. */
export interface ContentSmallTalk {
  keywords: string[];
  text: string;
}

/** One segment's greeting and topic menu. */
export interface ContentSegment {
  greeting: string;
  /** Node ids shown as the topic menu, in order. */
  topics: string[];
}

/** A whole locale file. */
export interface BotContent {
  locale: string;
  ui: {
    talkToPerson: string;
    backToTopics: string;
    tryAgain: string;
    confirm: string;
    cancel: string;
    /** Sent when handing off to a human. */
    connecting: string;
    /** Prompt of the topic menu when reopened. */
    menuPrompt: string;
    /** Label of the priority person button of urgent answers (`kind: 'handoff'`, `value: 'urgent'`). */
    urgentPerson: string;
    /** The same button while nobody is online (it leads to leaving a message). */
    urgentPersonOffline: string;
    /** Added to urgent answers while nobody is online and an emergency line is set; `{phone}` is replaced. */
    emergencyLine: string;
    /** Label of the `tel:` button of the emergency line; `{phone}` is replaced. */
    emergencyCall: string;
    /** Said instead of doing a card or account action for an unverified customer. */
    verifyFirst: string;
  };
  segments: { private: ContentSegment; business: ContentSegment };
  nodes: Record<string, ContentNode>;
  flows: Record<string, ContentFlow>;
  /** Urgent cases by id (`fraud`, `call`, `card`), checked before anything else. */
  urgent: Record<string, ContentUrgent>;
  intents: {
    /** Words asking for a human: immediate handoff. */
    human: { keywords: string[] };
    /** Agreement: confirms a pending flow or accepts the offer of a person. */
    yes: { keywords: string[] };
    /** Refusal: cancels a pending flow or declines the offer. */
    no: { keywords: string[] };
    /** A request to be called back. */
    callback: ContentCallback;
  };
  smallTalk: { greeting: ContentSmallTalk; thanks: ContentSmallTalk; bye: ContentSmallTalk };
  fallback: {
    /** First misunderstanding: rephrase or pick a topic. */
    notUnderstood: string;
    /** Second misunderstanding in a row: offer a person. */
    offerPerson: string;
  };
}
