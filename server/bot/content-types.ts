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

/** A simulated action that asks for confirmation first (e.g. blocking a card). */
export interface ContentFlow {
  title: string;
  /** Topic id this flow belongs to. */
  topic: string;
  /** The question, e.g. "Block card •••• 4821? …". */
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
  };
  segments: { private: ContentSegment; business: ContentSegment };
  nodes: Record<string, ContentNode>;
  flows: Record<string, ContentFlow>;
  intents: {
    /** Words asking for a human: immediate handoff. */
    human: { keywords: string[] };
    /** Agreement: confirms a pending flow or accepts the offer of a person. */
    yes: { keywords: string[] };
    /** Refusal: cancels a pending flow or declines the offer. */
    no: { keywords: string[] };
  };
  smallTalk: { greeting: ContentSmallTalk; thanks: ContentSmallTalk; bye: ContentSmallTalk };
  fallback: {
    /** First misunderstanding: rephrase or pick a topic. */
    notUnderstood: string;
    /** Second misunderstanding in a row: offer a person. */
    offerPerson: string;
  };
}
