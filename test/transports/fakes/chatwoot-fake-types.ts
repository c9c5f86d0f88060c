/** The Chatwoot fake's data and its test-side handle (see chatwoot-fake.ts for the sources). */
type Json = Record<string, unknown>;
export interface Contact {
  id: number;
  sourceId: string;
  pubsubToken: string;
  identifier?: string;
  name?: string;
}
export interface Message {
  id: number;
  content: string | null;
  message_type: number;
  content_type: string;
  content_attributes: Json;
  created_at: number;
  conversation_id: number;
  sender?: Json;
  echo_id?: string;
  attachments?: Json[];
  private?: boolean;
}
export interface Conversation {
  id: number;
  uuid: string;
  sourceId: string;
  status: string;
  messages: Message[];
  csat?: Json;
}

export interface ChatwootFakeOptions {
  inbox?: string;
  /** The inbox's HMAC token: with it, a wrong `identifier_hash` is refused (401). */
  hmacToken?: string;
  /** Server ping interval, ms (Chatwoot: 3000). */
  pingMs?: number;
  /** The bot greets new conversations with an input_select and answers every message. */
  bot?: boolean;
}

export interface ChatwootFake {
  url: string;
  inbox: string;
  faults: {
    refuseSockets: boolean;
    silent: boolean;
    duplicate: boolean;
    /** Answers a message create this late (after storing and broadcasting it), ms. */
    answerLateMs: number;
    /** Message pages come newest first. */
    reorder: boolean;
    failNext: Array<{ match: RegExp; status: number }>;
  };
  requests: Array<{ method: string; path: string; body: unknown }>;
  sockets(): number;
  /** Some socket is subscribed to this pubsub token. */
  isSubscribed(token: string): boolean;
  dropSockets(): void;
  conversation(id: string | number): Conversation | undefined;
  agentSays(conversationId: string | number, text: string, name?: string): Message;
  activity(conversationId: string | number, text: string): Message;
  setStatus(conversationId: string | number, status: string): void;
  typing(conversationId: string | number, on: boolean): void;
  sendCsat(conversationId: string | number): Message;
  mergeContact(sourceId: string): string;
  sign(identifier: string): string;
  close(): Promise<void>;
}
