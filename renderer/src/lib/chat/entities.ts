/**
 * A message's text and Telegram's formatting entities (UTF-16 offsets and lengths, possibly
 * nested, overlapping or wrong) as a tree of plain nodes the pane renders as Svelte elements —
 * never as HTML: text stays text whatever it contains.
 *
 * The text is cut at every entity boundary into runs; each run knows the inline styles over it
 * (bold, italic, underline, strike, code) and the containers it is in (a pre block, a spoiler, a
 * link, a mention or hashtag). Runs that share a container are grouped under one node, outermost
 * first (pre, spoiler, link, tag), so overlapping entities still nest: one that crosses another's
 * edge is split in two there. A bad server cannot break the text: entities past the end are
 * dropped or cut at the end, non-integers and empty ones are dropped, and an edge that falls
 * between the two halves of a surrogate pair (an emoji) moves to take the whole character.
 */
import type { ChatMessage } from '../../../../electron/shared/ipc-contract';
import { textShowsTarget, webLinkFromText, isWebLink } from '../../../../electron/shared/links';

/** One formatting entity as the contract carries it. */
export type ChatEntity = ChatMessage['entities'][number];
export type EntityType = ChatEntity['type'];

export interface TextLeaf {
  readonly kind: 'text';
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly strike: boolean;
  readonly code: boolean;
}

export interface LinkNode {
  readonly kind: 'link';
  readonly id: number;
  /** What opening it hands the shell; null when the target is nothing TopSwitch opens (javascript:, file:…). */
  readonly url: string | null;
  /** The link's whole visible text (the confirmation quotes it). */
  readonly text: string;
  /** The text shows another target than the link's: ask before opening. */
  readonly asks: boolean;
  readonly children: readonly MessageNode[];
}

export interface SpoilerNode {
  readonly kind: 'spoiler';
  readonly id: number;
  readonly children: readonly MessageNode[];
}

export interface PreNode {
  readonly kind: 'pre';
  readonly id: number;
  readonly children: readonly MessageNode[];
}

export interface TagNode {
  readonly kind: 'mention' | 'hashtag';
  readonly id: number;
  readonly children: readonly MessageNode[];
}

export type MessageNode = TextLeaf | LinkNode | SpoilerNode | PreNode | TagNode;

/** An entity checked against the text: [start, end) in UTF-16 code units, inside it, never empty. */
export interface Span {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly url?: string;
}

const TYPES: ReadonlySet<string> = new Set<EntityType>(['bold', 'italic', 'underline', 'strike', 'code', 'pre', 'spoiler', 'url', 'textUrl', 'mention', 'hashtag']);

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** An edge between a high and a low surrogate would cut a character in half. */
const splitsPair = (text: string, at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

/** The entities that make sense for this text, clamped and widened to whole characters, in text order. */
export function cleanEntities(text: string, entities: readonly ChatEntity[] | undefined): Span[] {
  const spans: Span[] = [];
  for (const entity of entities ?? []) {
    if (!entity || !TYPES.has(entity.type)) continue;
    const { offset, length } = entity;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0 || offset >= text.length) continue;
    let start = offset;
    let end = Math.min(text.length, offset + length);
    if (splitsPair(text, start)) start -= 1;
    if (splitsPair(text, end)) end += 1;
    spans.push({ type: entity.type, start, end, ...(typeof entity.url === 'string' ? { url: entity.url } : {}) });
  }
  // Earliest first, then longest: of two overlapping containers of a kind, the earlier one wins a run.
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Where a link entity goes, or null when it is nothing TopSwitch would open. */
export function linkTarget(span: Span, text: string): string | null {
  const shown = text.slice(span.start, span.end);
  if (span.type === 'url') return webLinkFromText(shown);
  const url = (span.url ?? '').trim();
  if (isWebLink(url)) return new URL(url).href;
  if (/^tg:\/\//i.test(url)) return url;
  // A bare 'example.org/x' target; anything with another scheme (javascript:, file:) is refused.
  return webLinkFromText(url);
}

interface Run {
  readonly start: number;
  readonly end: number;
  readonly styles: Omit<TextLeaf, 'kind' | 'text'>;
  /** Container span index per level: pre, spoiler, link, tag. */
  readonly containers: readonly (number | undefined)[];
}

const LEVELS: readonly (readonly EntityType[])[] = [['pre'], ['spoiler'], ['url', 'textUrl'], ['mention', 'hashtag']];

function runsOf(text: string, spans: readonly Span[]): Run[] {
  const edges = new Set<number>([0, text.length]);
  for (const span of spans) edges.add(span.start).add(span.end);
  const sorted = [...edges].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let index = 0; index + 1 < sorted.length; index++) {
    const start = sorted[index]!;
    const end = sorted[index + 1]!;
    const over = spans.map((span, id) => ({ span, id })).filter(({ span }) => span.start <= start && span.end >= end);
    const has = (type: EntityType) => over.some(({ span }) => span.type === type);
    runs.push({
      start,
      end,
      styles: { bold: has('bold'), italic: has('italic'), underline: has('underline'), strike: has('strike'), code: has('code') },
      containers: LEVELS.map((types) => over.find(({ span }) => types.includes(span.type))?.id),
    });
  }
  return runs;
}

function build(text: string, spans: readonly Span[], runs: readonly Run[], level: number): MessageNode[] {
  if (level === LEVELS.length) return runs.map((run) => ({ kind: 'text', text: text.slice(run.start, run.end), ...run.styles }));
  const nodes: MessageNode[] = [];
  for (let index = 0; index < runs.length; ) {
    const id = runs[index]!.containers[level];
    let next = index + 1;
    while (next < runs.length && runs[next]!.containers[level] === id) next++;
    const group = runs.slice(index, next);
    index = next;
    if (id === undefined) {
      nodes.push(...build(text, spans, group, level + 1));
      continue;
    }
    const children = build(text, spans, group, level + 1);
    const span = spans[id]!;
    if (level === 0) nodes.push({ kind: 'pre', id, children });
    else if (level === 1) nodes.push({ kind: 'spoiler', id, children });
    else if (level === 2) {
      const url = linkTarget(span, text);
      const shown = text.slice(span.start, span.end);
      const asks = span.type === 'textUrl' && url !== null && !(isWebLink(url) ? textShowsTarget(shown, url) : shown.trim() === url);
      nodes.push({ kind: 'link', id, url, text: shown, asks, children });
    } else nodes.push({ kind: span.type === 'mention' ? 'mention' : 'hashtag', id, children });
  }
  return nodes;
}

/** The message as nodes to render; an empty text gives none. */
export function messageNodes(text: string, entities: readonly ChatEntity[] | undefined): MessageNode[] {
  if (text.length === 0) return [];
  const spans = cleanEntities(text, entities);
  return build(text, spans, runsOf(text, spans), 0);
}

/** The text under a node, as the user reads it. */
export function nodeText(node: MessageNode): string {
  return node.kind === 'text' ? node.text : node.children.map(nodeText).join('');
}
