import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError, createBot, validateContent, type BotContent } from '../../server/bot/index';
import type { ContentLink } from '../../server/bot/content-types';

function load(locale: 'en' | 'ru'): BotContent {
  const url = new URL(`../../server/bot/content/${locale}.json`, import.meta.url);
  return validateContent(JSON.parse(readFileSync(url, 'utf8')), `${locale}.json`);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function problemsOf(data: unknown): string[] {
  try {
    validateContent(data, 'broken.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toContain('broken.json');
    return (error as ContentError).problems;
  }
  throw new Error('content was accepted');
}

function targets(links: ContentLink[] | undefined): string[] {
  return (links ?? []).flatMap((l) => ('goto' in l ? [`node:${l.goto}`] : 'flow' in l ? [`flow:${l.flow}`] : []));
}

describe('bundled content', () => {
  it.each(['en', 'ru'] as const)('%s.json is valid', (locale) => {
    expect(load(locale).locale).toBe(locale);
  });

  it('en and ru have the same topics, nodes, flows and links', () => {
    const en = load('en');
    const ru = load('ru');
    expect(ru.segments.private.topics).toEqual(en.segments.private.topics);
    expect(ru.segments.business.topics).toEqual(en.segments.business.topics);
    expect(Object.keys(ru.nodes).sort()).toEqual(Object.keys(en.nodes).sort());
    expect(Object.keys(ru.flows).sort()).toEqual(Object.keys(en.flows).sort());
    for (const [id, node] of Object.entries(en.nodes)) {
      const other = ru.nodes[id];
      expect(targets(other?.replies), id).toEqual(targets(node.replies));
      expect(other?.cards?.length ?? 0, id).toBe(node.cards?.length ?? 0);
    }
  });

  it('en and ru have the same urgent cases, with the same buttons, and mark the same flows urgent', () => {
    const en = load('en');
    const ru = load('ru');
    expect(Object.keys(ru.urgent)).toEqual(Object.keys(en.urgent));
    for (const [id, u] of Object.entries(en.urgent)) {
      expect(targets(ru.urgent[id]?.replies), id).toEqual(targets(u.replies));
      expect(ru.urgent[id]?.topic, id).toBe(u.topic);
    }
    for (const [id, flow] of Object.entries(en.flows)) expect(ru.flows[id]?.urgent, id).toBe(flow.urgent);
  });

  it.each(['en', 'ru'] as const)('every node and flow in %s.json is reachable from a segment menu', (locale) => {
    const content = load(locale);
    const seen = new Set<string>();
    const queue = [...content.segments.private.topics, ...content.segments.business.topics].map((id) => `node:${id}`);
    while (queue.length > 0) {
      const key = queue.shift() as string;
      if (seen.has(key)) continue;
      seen.add(key);
      const [kind, id] = key.split(':') as [string, string];
      if (kind === 'node') {
        const node = content.nodes[id];
        queue.push(...targets(node?.replies), ...(node?.cards ?? []).flatMap((c) => targets(c.actions)));
      } else {
        queue.push(...targets(content.flows[id]?.after));
      }
    }
    const all = [...Object.keys(content.nodes).map((id) => `node:${id}`), ...Object.keys(content.flows).map((id) => `flow:${id}`)];
    expect(all.filter((key) => !seen.has(key))).toEqual([]);
  });

  it('has cards in topics of both segments', () => {
    const en = load('en');
    const withCards = (ids: string[]) =>
      ids.filter((id) => Object.entries(en.nodes).some(([n, node]) => (node.topic ?? n) === id && (node.cards?.length ?? 0) > 0));
    expect(withCards(en.segments.private.topics).length).toBeGreaterThanOrEqual(4);
    expect(withCards(en.segments.business.topics).length).toBeGreaterThanOrEqual(3);
  });
});

describe('validateContent', () => {
  const good = load('en');

  it('names the file and the path of each bad entry', () => {
    const bad = clone(good) as unknown as { nodes: Record<string, Record<string, unknown>> };
    delete bad.nodes['cards-pin']?.text;
    (bad.nodes['cards'] as { replies: unknown[] }).replies.push({ label: 'Nowhere', goto: 'no-such-node' });
    const problems = problemsOf(bad);
    expect(problems).toContain('$.nodes.cards-pin.text: must be a non-empty string');
    expect(problems.some((p) => p.startsWith('$.nodes.cards.replies[8].goto') && p.includes('no-such-node'))).toBe(true);
  });

  it('rejects a link with no or two targets, an unsafe URL and an unknown flow', () => {
    const bad = clone(good);
    const cards = bad.nodes['cards-types']?.cards ?? [];
    (cards[0] as { actions: unknown[] }).actions = [
      { label: 'Both', goto: 'cards', flow: 'block-card' },
      { label: 'None' },
      { label: 'Script', url: 'javascript:alert(1)' },
      { label: 'Ghost', flow: 'ghost' },
    ];
    const problems = problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        '$.nodes.cards-types.cards[0].actions[0]: must have exactly one of goto, flow, url, handoff, menu',
        '$.nodes.cards-types.cards[0].actions[1]: must have exactly one of goto, flow, url, handoff, menu',
        '$.nodes.cards-types.cards[0].actions[2].url: must be a URL (http: https: mailto: tel:)',
        '$.nodes.cards-types.cards[0].actions[3].flow: unknown flow "ghost"',
      ]),
    );
  });

  it('rejects unknown menu topics, orphan topics, bad keywords and missing sections', () => {
    const bad = clone(good) as unknown as Record<string, unknown> & BotContent;
    bad.segments.business.topics.push('nope');
    (bad.nodes['cards-pin'] as { topic: string }).topic = 'cards-pin';
    bad.flows['block-card']!.keywords = ['block*', 'e-mail', ''];
    delete (bad as Record<string, unknown>).fallback;
    const problems = problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        '$.segments.business.topics[4]: unknown node "nope"',
        '$.nodes.cards-pin.topic: "cards-pin" is not a topic listed in a segment menu',
        expect.stringMatching(/^\$\.flows\.block-card\.keywords\[1\]: keyword word "e-mail"/),
        '$.flows.block-card.keywords[2]: keyword is empty',
        '$.fallback: must be an object',
      ]),
    );
  });

  it('checks urgent cases, the call-back intent and the emergency texts', () => {
    const bad = clone(good) as unknown as BotContent & Record<string, unknown>;
    bad.ui.emergencyLine = 'Call our line';
    delete (bad.urgent.fraud as unknown as Record<string, unknown>).offlineText;
    (bad.urgent.card as { topic?: string }).topic = 'nowhere';
    bad.urgent.call!.keywords = ['e-mail'];
    delete (bad.intents.callback as unknown as Record<string, unknown>).button;
    (bad.flows['block-card'] as unknown as Record<string, unknown>).urgent = 'yes';
    expect(problemsOf(bad)).toEqual(
      expect.arrayContaining([
        '$.ui.emergencyLine: must contain {phone}',
        '$.urgent.fraud.offlineText: must be a non-empty string',
        '$.urgent.card.topic: "nowhere" is not a topic listed in a segment menu',
        expect.stringMatching(/^\$\.urgent\.call\.keywords\[0\]: keyword word "e-mail"/),
        '$.intents.callback.button: must be a non-empty string',
        '$.flows.block-card.urgent: must be true or false',
      ]),
    );
  });

  it('rejects something that is not an object at all', () => {
    expect(problemsOf([])).toEqual(['$: must be an object']);
    expect(problemsOf(null)).toEqual(['$: must be an object']);
  });

  it('is applied by createBot to in-memory content', () => {
    expect(() => createBot({ content: { en: { locale: 'en' } } })).toThrow(ContentError);
    expect(() => createBot({ content: { en: clone(good) } })).not.toThrow();
  });
});
