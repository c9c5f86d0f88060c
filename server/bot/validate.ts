/**
 * Validates a parsed content file: shape, non-empty texts, keywords that can match,
 * safe URLs and every cross-reference (menu topics, `goto`, `flow`, `topic`).
 * Errors name the file and the JSON path of the bad entry.
 * @module
 */
import type { BotContent, ContentLink } from './content-types';
import { compileKeyword } from './keywords';

/** A content file failed validation. `problems` lists every issue found, one per line of `message`. */
export class ContentError extends Error {
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`Invalid bot content in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

type Obj = Record<string, unknown>;

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const URL_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];
const LINK_TARGETS = ['goto', 'flow', 'url', 'handoff', 'menu'] as const;
const UI_KEYS = [
  'talkToPerson',
  'backToTopics',
  'tryAgain',
  'confirm',
  'cancel',
  'connecting',
  'menuPrompt',
  'urgentPerson',
  'urgentPersonOffline',
  'emergencyLine',
  'emergencyCall',
  'verifyFirst',
];

class Checker {
  readonly problems: string[] = [];

  fail(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }

  object(value: unknown, path: string): Obj | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Obj;
    this.fail(path, 'must be an object');
    return undefined;
  }

  text(obj: Obj, key: string, path: string, optional = false): void {
    const value = obj[key];
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || value.trim() === '') this.fail(`${path}.${key}`, 'must be a non-empty string');
  }

  array(obj: Obj, key: string, path: string, optional = false): unknown[] | undefined {
    const value = obj[key];
    if (value === undefined && optional) return undefined;
    if (Array.isArray(value)) return value;
    this.fail(`${path}.${key}`, 'must be an array');
    return undefined;
  }

  keywords(obj: Obj, key: string, path: string, optional = false): void {
    const list = this.array(obj, key, path, optional);
    list?.forEach((kw, i) => {
      const at = `${path}.${key}[${i}]`;
      if (typeof kw !== 'string') {
        this.fail(at, 'must be a string');
        return;
      }
      const compiled = compileKeyword(kw);
      if (typeof compiled === 'string') this.fail(at, compiled);
    });
  }

  url(value: unknown, path: string, schemes: readonly string[]): void {
    let ok = false;
    if (typeof value === 'string') {
      try {
        ok = schemes.includes(new URL(value).protocol);
      } catch {
        ok = false;
      }
    }
    if (!ok) this.fail(path, `must be a URL (${schemes.join(' ')})`);
  }

  links(obj: Obj, key: string, path: string, refs: Refs): void {
    this.array(obj, key, path, true)?.forEach((raw, i) => {
      this.link(raw, `${path}.${key}[${i}]`, refs);
    });
  }

  link(raw: unknown, path: string, refs: Refs): void {
    const link = this.object(raw, path);
    if (!link) return;
    this.text(link, 'label', path);
    const targets = LINK_TARGETS.filter((t) => link[t] !== undefined);
    if (targets.length !== 1) {
      return this.fail(path, `must have exactly one of ${LINK_TARGETS.join(', ')}`);
    }
    const target = targets[0] as (typeof LINK_TARGETS)[number];
    const value = link[target];
    if (target === 'goto' && !(typeof value === 'string' && refs.nodes.has(value))) {
      this.fail(`${path}.goto`, `unknown node "${String(value)}"`);
    } else if (target === 'flow' && !(typeof value === 'string' && refs.flows.has(value))) {
      this.fail(`${path}.flow`, `unknown flow "${String(value)}"`);
    } else if (target === 'url') {
      this.url(value, `${path}.url`, URL_SCHEMES);
    } else if ((target === 'handoff' || target === 'menu') && value !== true) {
      this.fail(`${path}.${target}`, 'must be true');
    }
  }
}

interface Refs {
  nodes: Set<string>;
  flows: Set<string>;
  topics: Set<string>;
}

/** The urgent cases: texts for online and offline, keywords that can match, links and an optional topic. */
function checkUrgent(c: Checker, raw: unknown, refs: Refs): void {
  const urgent = c.object(raw, '$.urgent');
  if (!urgent) return;
  if (Object.keys(urgent).length === 0) c.fail('$.urgent', 'must list at least one urgent case');
  for (const [id, value] of Object.entries(urgent)) {
    const path = `$.urgent.${id}`;
    if (!ID_PATTERN.test(id)) c.fail(path, 'id must be lower-case letters, digits and dashes');
    const entry = c.object(value, path);
    if (!entry) continue;
    for (const key of ['title', 'text', 'offlineText']) c.text(entry, key, path);
    if (entry.topic !== undefined && !(typeof entry.topic === 'string' && refs.topics.has(entry.topic))) {
      c.fail(`${path}.topic`, `"${String(entry.topic)}" is not a topic listed in a segment menu`);
    }
    c.links(entry, 'replies', path, refs);
    c.keywords(entry, 'keywords', path);
  }
}

/**
 * Checks `data` (a parsed content file) and returns it typed, or throws a `ContentError`
 * naming `source` and the path of every bad entry.
 */
export function validateContent(data: unknown, source: string): BotContent {
  const c = new Checker();
  const root = c.object(data, '$');
  if (!root) throw new ContentError(source, c.problems);

  c.text(root, 'locale', '$');
  const ui = c.object(root.ui, '$.ui');
  if (ui) {
    for (const key of UI_KEYS) c.text(ui, key, '$.ui');
    for (const key of ['emergencyLine', 'emergencyCall']) {
      if (typeof ui[key] === 'string' && !ui[key].includes('{phone}')) c.fail(`$.ui.${key}`, 'must contain {phone}');
    }
  }

  const nodes = c.object(root.nodes, '$.nodes') ?? {};
  const flows = c.object(root.flows, '$.flows') ?? {};
  const refs: Refs = { nodes: new Set(Object.keys(nodes)), flows: new Set(Object.keys(flows)), topics: new Set() };

  const segments = c.object(root.segments, '$.segments');
  for (const name of ['private', 'business'] as const) {
    const path = `$.segments.${name}`;
    const segment = segments ? c.object(segments[name], path) : undefined;
    if (!segment) continue;
    c.text(segment, 'greeting', path);
    const topics = c.array(segment, 'topics', path);
    if (topics?.length === 0) c.fail(`${path}.topics`, 'must list at least one topic');
    topics?.forEach((id, i) => {
      if (typeof id === 'string' && refs.nodes.has(id)) refs.topics.add(id);
      else c.fail(`${path}.topics[${i}]`, `unknown node "${String(id)}"`);
    });
  }

  for (const [id, raw] of Object.entries(nodes)) {
    const path = `$.nodes.${id}`;
    if (!ID_PATTERN.test(id)) c.fail(path, 'id must be lower-case letters, digits and dashes');
    const node = c.object(raw, path);
    if (!node) continue;
    c.text(node, 'title', path);
    c.text(node, 'text', path);
    const topic = node.topic ?? id;
    if (typeof topic !== 'string' || !refs.topics.has(topic)) {
      c.fail(`${path}.topic`, `"${String(topic)}" is not a topic listed in a segment menu`);
    }
    c.array(node, 'cards', path, true)?.forEach((rawCard, i) => {
      const at = `${path}.cards[${i}]`;
      const card = c.object(rawCard, at);
      if (!card) return;
      c.text(card, 'title', at);
      c.text(card, 'subtitle', at, true);
      c.text(card, 'text', at, true);
      if (card.imageUrl !== undefined) c.url(card.imageUrl, `${at}.imageUrl`, ['http:', 'https:']);
      c.links(card, 'actions', at, refs);
    });
    c.links(node, 'replies', path, refs);
    c.keywords(node, 'keywords', path, true);
  }

  for (const [id, raw] of Object.entries(flows)) {
    const path = `$.flows.${id}`;
    if (!ID_PATTERN.test(id)) c.fail(path, 'id must be lower-case letters, digits and dashes');
    const flow = c.object(raw, path);
    if (!flow) continue;
    for (const key of ['title', 'ask', 'done', 'cancelled']) c.text(flow, key, path);
    c.text(flow, 'confirmLabel', path, true);
    c.text(flow, 'cancelLabel', path, true);
    c.text(flow, 'unverified', path, true);
    if (flow.urgent !== undefined && typeof flow.urgent !== 'boolean') c.fail(`${path}.urgent`, 'must be true or false');
    if (typeof flow.topic !== 'string' || !refs.topics.has(flow.topic)) {
      c.fail(`${path}.topic`, `"${String(flow.topic)}" is not a topic listed in a segment menu`);
    }
    c.links(flow, 'after', path, refs);
    c.keywords(flow, 'keywords', path, true);
  }

  checkUrgent(c, root.urgent, refs);
  const intents = c.object(root.intents, '$.intents');
  for (const name of ['human', 'yes', 'no', 'callback']) {
    const intent = intents ? c.object(intents[name], `$.intents.${name}`) : undefined;
    if (intent) c.keywords(intent, 'keywords', `$.intents.${name}`);
    if (intent && name === 'callback') for (const key of ['text', 'offlineText', 'button']) c.text(intent, key, '$.intents.callback');
  }

  const smallTalk = c.object(root.smallTalk, '$.smallTalk');
  for (const name of ['greeting', 'thanks', 'bye']) {
    const path = `$.smallTalk.${name}`;
    const entry = smallTalk ? c.object(smallTalk[name], path) : undefined;
    if (!entry) continue;
    c.keywords(entry, 'keywords', path);
    c.text(entry, 'text', path);
  }

  const fallback = c.object(root.fallback, '$.fallback');
  if (fallback) {
    c.text(fallback, 'notUnderstood', '$.fallback');
    c.text(fallback, 'offerPerson', '$.fallback');
  }

  if (c.problems.length > 0) throw new ContentError(source, c.problems);
  return data as BotContent;
}

/** Returns the target kind of a validated link. */
export function linkTarget(link: ContentLink): (typeof LINK_TARGETS)[number] {
  return LINK_TARGETS.find((t) => t in link) as (typeof LINK_TARGETS)[number];
}
