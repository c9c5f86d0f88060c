/**
 * Chatwoot's public client API for an API-channel inbox (`/public/api/v1/inboxes/{inbox}/…`),
 * CORS-open by default. Routes: chatwoot/chatwoot `config/routes.rb` (namespace public/api/v1),
 * `app/controllers/public/api/v1/inboxes/*_controller.rb`; CSAT: `csat_survey_controller.rb`.
 * @module
 */
import type { JsonClient } from '../adapters/http-json';
import { asArray, asRecord, type Json } from './wire';

/** Messages per page of `GET …/messages` (Chatwoot's MessageFinder returns the newest 20). */
export const CHATWOOT_PAGE = 20;

export interface ContactInput {
  identifier?: string;
  identifier_hash?: string;
  name?: string;
  email?: string;
  phone_number?: string;
  custom_attributes?: Record<string, string | number | boolean>;
}

export interface ChatwootRest {
  createContact(input: ContactInput): Promise<Json>;
  getContact(sourceId: string): Promise<Json>;
  listConversations(sourceId: string): Promise<Json[]>;
  createConversation(sourceId: string, customAttributes?: Record<string, string>): Promise<Json>;
  getConversation(sourceId: string, conversationId: string): Promise<Json>;
  listMessages(sourceId: string, conversationId: string, before?: number): Promise<Json[]>;
  sendMessage(
    sourceId: string,
    conversationId: string,
    body: { content?: string; echo_id: string },
    files?: Array<{ blob: Blob; name: string }>,
  ): Promise<Json>;
  submitValues(sourceId: string, conversationId: string, messageId: string, values: Array<{ title: string; value: string }>): Promise<Json>;
  toggleTyping(sourceId: string, conversationId: string, on: boolean): Promise<void>;
  updateLastSeen(sourceId: string, conversationId: string): Promise<void>;
  resolve(sourceId: string, conversationId: string): Promise<void>;
  rate(conversationUuid: string, rating: number, feedback?: string): Promise<void>;
}

export function createChatwootRest(baseUrl: string, inbox: string, json: JsonClient): ChatwootRest {
  const api = `${baseUrl}/public/api/v1`;
  const root = `${api}/inboxes/${encodeURIComponent(inbox)}`;
  const contact = (s: string) => `${root}/contacts/${encodeURIComponent(s)}`;
  const conv = (s: string, c: string) => `${contact(s)}/conversations/${encodeURIComponent(c)}`;
  return {
    createContact: async (input) => asRecord(await json(`${root}/contacts`, { body: input })),
    getContact: async (s) => asRecord(await json(contact(s))),
    listConversations: async (s) => asArray(await json(`${contact(s)}/conversations`)).map(asRecord),
    createConversation: async (s, custom_attributes) =>
      asRecord(await json(`${contact(s)}/conversations`, { body: custom_attributes ? { custom_attributes } : {} })),
    getConversation: async (s, c) => asRecord(await json(conv(s, c))),
    async listMessages(s, c, before) {
      const url = `${conv(s, c)}/messages${before !== undefined ? `?before=${before}` : ''}`;
      const page = await json(url);
      // Some versions wrap the list: `{ payload: [...] }`.
      return asArray(Array.isArray(page) ? page : asRecord(page).payload).map(asRecord);
    },
    async sendMessage(s, c, body, files) {
      if (!files?.length) return asRecord(await json(`${conv(s, c)}/messages`, { body }));
      // Files go in the same request as multipart `attachments[]` (messages_controller#build_attachment).
      const form = new FormData();
      if (body.content) form.append('content', body.content);
      form.append('echo_id', body.echo_id);
      for (const f of files) form.append('attachments[]', f.blob, f.name);
      return asRecord(await json(`${conv(s, c)}/messages`, { body: form }));
    },
    submitValues: async (s, c, m, values) =>
      asRecord(await json(`${conv(s, c)}/messages/${encodeURIComponent(m)}`, { method: 'PATCH', body: { submitted_values: values } })),
    async toggleTyping(s, c, on) {
      await json(`${conv(s, c)}/toggle_typing`, { body: { typing_status: on ? 'on' : 'off' } });
    },
    async updateLastSeen(s, c) {
      await json(`${conv(s, c)}/update_last_seen`, { body: {} });
    },
    async resolve(s, c) {
      await json(`${conv(s, c)}/toggle_status`, { body: {} });
    },
    async rate(uuid, rating, feedback) {
      const csat_survey_response = { rating, ...(feedback ? { feedback_message: feedback } : {}) };
      await json(`${api}/csat_survey/${encodeURIComponent(uuid)}`, {
        method: 'PUT',
        body: { message: { submitted_values: { csat_survey_response } } },
      });
    },
  };
}
