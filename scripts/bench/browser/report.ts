/**
 * The printed rows of `npm run bench`: each figure per CPU rate (medians over the runs), and for
 * the goals of issue 13 items 3 and 4 whether the figure meets them. A timing never fails the run.
 * @module
 */
import { fmt, kb, median, type Row, verdict } from './stats';
import type { Figures } from './scenarios';

/** Medians per figure of the runs at one rate. */
export function medians(runs: readonly Figures[]): Figures {
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...keys].map((k) => [k, median(runs.map((r) => r[k]))]));
}

/** Per-run differences against the blank page of the same run, added to each run's figures. */
export function againstBlank(f: Figures): Figures {
  const minus = (a: string, b: string) => (f[a] != null && f[b] != null ? f[a]! - f[b]! : null);
  return {
    ...f,
    launcherMinusBlank: minus('launcherAt', 'blankPaintAt'),
    heapClosedMinusBlank: minus('closedHeap', 'blankHeap'),
    heap10kMinusBlank: minus('heap10k', 'blankHeap'),
    nodesClosedMinusBlank: minus('closedNodes', 'blankNodes'),
    nodesOpenMinusBlank: minus('openNodes', 'blankNodes'),
  };
}

type ByRate = Record<string, Figures>;
const MB = 1024 * 1024;

function goal(m: ByRate, key: string, parts: Array<[string, number, string]>): string {
  return parts.map(([col, limit, text]) => `${text}: ${verdict(m[col]?.[key], limit) || 'not run'}`).join('; ');
}

/** The rows of the table, one column per rate ("1×", "4×"). */
export function rows(m: ByRate, columns: readonly string[]): Row[] {
  const cells = (key: string, show: (v: number | null | undefined) => string) =>
    Object.fromEntries(columns.map((c) => [c, show(m[c]?.[key])]));
  const ms = (key: string) => cells(key, (v) => fmt(v, 0, ' ms'));
  const bytes = (prefix: string) =>
    Object.fromEntries(
      columns.map((c) => [c, `${kb(m[c]?.[`${prefix}Brotli`])} br / ${kb(m[c]?.[`${prefix}Gzip`])} gz / ${kb(m[c]?.[`${prefix}Raw`])}`]),
    );
  const tasks = (prefix: string) =>
    Object.fromEntries(
      columns.map((c) => [
        c,
        `${fmt(m[c]?.[`${prefix}LongTasks`])} / ${fmt(m[c]?.[`${prefix}Longest`], 0, ' ms')} / ${fmt(m[c]?.[`${prefix}Tbt`], 0, ' ms')}`,
      ]),
    );
  const one = (key: string, limit: number, text: string) => goal(m, key, [['1×', limit, text]]);
  return [
    { what: 'bytes before the first click (brotli / gzip / raw)', cells: bytes('beforeClick') },
    {
      what: 'requests / WebSockets before the first click',
      cells: Object.fromEntries(columns.map((c) => [c, `${fmt(m[c]?.beforeClickRequests)} / ${fmt(m[c]?.socketsBeforeClick)}`])),
    },
    { what: 'bytes after open (brotli / gzip / raw)', cells: bytes('afterOpen') },
    {
      what: 'launcher visible minus blank page',
      cells: ms('launcherMinusBlank'),
      goal: goal(m, 'launcherMinusBlank', [
        ['1×', 60, '≤ 60 ms at 1×'],
        ['4×', 200, '≤ 200 ms at 4×'],
      ]),
    },
    { what: 'mount: long tasks / longest / TBT', cells: tasks('mount'), goal: one('mountLongest', 50, 'no task > 50 ms at 1×') },
    { what: 'open: long tasks / longest / TBT', cells: tasks('open'), goal: one('openLongest', 50, 'no task > 50 ms at 1×') },
    {
      what: 'JS heap minus blank, closed',
      cells: cells('heapClosedMinusBlank', (v) => fmt(v == null ? v : v / MB, 2, ' MB')),
      goal: one('heapClosedMinusBlank', 0.5 * MB, '≤ 0.5 MB'),
    },
    {
      what: 'DOM nodes minus blank, closed / open',
      cells: Object.fromEntries(columns.map((c) => [c, `${fmt(m[c]?.nodesClosedMinusBlank)} / ${fmt(m[c]?.nodesOpenMinusBlank)}`])),
    },
    { what: 'open, panel in (after intent)', cells: ms('openCached'), goal: one('openCached', 50, '≤ 50 ms at 1×') },
    { what: 'open, cold (fetch on the click)', cells: ms('openCold'), goal: one('openCold', 150, '≤ 150 ms at 1×') },
    { what: 'send → ack (WebSocket, reference server)', cells: ms('sendToAck') },
    { what: '10,000 messages: open → newest visible', cells: ms('open10k'), goal: goal(m, 'open10k', [['4×', 300, '≤ 300 ms at 4×']]) },
    { what: '10,000 messages: longest task in that open', cells: ms('open10kLongest') },
    {
      what: '10,000 messages: held / message elements / DOM nodes',
      cells: Object.fromEntries(columns.map((c) => [c, `${fmt(m[c]?.held10k)} / ${fmt(m[c]?.messageNodes10k)} / ${fmt(m[c]?.nodes10k)}`])),
      goal: one('messageNodes10k', 220, '≈ ≤ 200 messages'),
    },
    { what: '10,000 messages: JS heap minus blank', cells: cells('heap10kMinusBlank', (v) => fmt(v == null ? v : v / MB, 1, ' MB')) },
    {
      what: 'scroll up: page cost, first 3 / last 3 (median)',
      cells: Object.fromEntries(
        columns.map((c) => [
          c,
          `${fmt(m[c]?.scrollFirst, 0, ' ms')} / ${fmt(m[c]?.scrollLast, 0, ' ms')} (${fmt(m[c]?.scrollPages)} pages)`,
        ]),
      ),
      goal: scrollGoal(m['1×']),
    },
    {
      what: 'scroll up: position drift / longest task',
      cells: Object.fromEntries(columns.map((c) => [c, `${fmt(m[c]?.scrollDrift, 0, ' px')} / ${fmt(m[c]?.scrollLongest, 0, ' ms')}`])),
      goal: one('scrollDrift', 4, 'kept (≤ 4 px)'),
    },
    {
      what: 'burst 100 msg/s onto it: long tasks / longest / TBT',
      cells: Object.fromEntries(columns.map((c) => [c, m[c]?.burstShown === 0 ? 'last not shown in 8 s' : tasks('burst')[c]!])),
      goal: m['1×']?.burstShown === 0 ? 'no task > 50 ms at 1×: misses' : one('burstLongest', 50, 'no task > 50 ms at 1×'),
    },
  ];
}

/** Constant cost per page: the last pages cost at most 1.5× the first ones (+20 ms of noise). */
function scrollGoal(f: Figures | undefined): string {
  if (f?.scrollFirst == null || f.scrollLast == null) return 'constant cost per page: not run';
  return `constant cost per page at 1×: ${f.scrollLast <= 1.5 * f.scrollFirst + 20 ? 'meets' : 'misses'}`;
}
