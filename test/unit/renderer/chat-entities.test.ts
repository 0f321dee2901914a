/**
 * Message text with Telegram's entities → the nodes the pane renders (renderer/src/lib/chat/entities.ts):
 * UTF-16 offsets with emoji, nesting and overlaps, links that ask, and everything a bad server
 * could send (past the end, negative, fractional, empty, unknown types, split surrogate pairs).
 */
import { describe, expect, it } from 'vitest';
import { cleanEntities, messageNodes, nodeText, type ChatEntity, type MessageNode, type TextLeaf } from '../../../renderer/src/lib/chat/entities.js';

const e = (type: ChatEntity['type'], offset: number, length: number, url?: string): ChatEntity => ({ type, offset, length, ...(url ? { url } : {}) });

/** Every leaf in document order. */
function leaves(nodes: readonly MessageNode[]): TextLeaf[] {
  return nodes.flatMap((node) => (node.kind === 'text' ? [node] : leaves(node.children)));
}

/** A compact picture of the tree: leaves as text with their styles, containers as kind(...). */
function shape(nodes: readonly MessageNode[]): string {
  return nodes
    .map((node) => {
      if (node.kind !== 'text') return `${node.kind}(${shape(node.children)})`;
      const styles = (['bold', 'italic', 'underline', 'strike', 'code'] as const).filter((style) => node[style]);
      return styles.length ? `[${node.text}|${styles.join('+')}]` : node.text;
    })
    .join('');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('plain text and simple styles', () => {
  it('keeps text without entities as one leaf, and an empty text as nothing', () => {
    expect(shape(messageNodes('hello', []))).toBe('hello');
    expect(shape(messageNodes('hello', undefined))).toBe('hello');
    expect(messageNodes('', [e('bold', 0, 3)])).toEqual([]);
  });

  it('styles the ranges it is told, leaving the rest plain', () => {
    expect(shape(messageNodes('say bold words', [e('bold', 4, 4)]))).toBe('say [bold|bold] words');
    expect(shape(messageNodes('a b c d e', [e('italic', 0, 1), e('underline', 2, 1), e('strike', 4, 1), e('code', 6, 1)]))).toBe(
      '[a|italic] [b|underline] [c|strike] [d|code] e',
    );
  });

  it('keeps markup in the text as text', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(shape(messageNodes(text, [e('bold', 0, 4)]))).toBe('[<img|bold] src=x onerror=alert(1)>');
    expect(leaves(messageNodes(text, [])).map((leaf) => leaf.text).join('')).toBe(text);
  });
});

describe('nesting and overlaps', () => {
  it('nests bold inside italic', () => {
    expect(shape(messageNodes('one two three', [e('italic', 0, 13), e('bold', 4, 3)]))).toBe('[one |italic][two|bold+italic][ three|italic]');
  });

  it('splits overlapping styles at every edge', () => {
    expect(shape(messageNodes('abcdefgh', [e('bold', 0, 5), e('italic', 3, 5)]))).toBe('[abc|bold][de|bold+italic][fgh|italic]');
  });

  it('groups a spoiler with its styled parts under one node, and a link under one node', () => {
    const nodes = messageNodes('secret plan here', [e('spoiler', 0, 11), e('bold', 7, 4), e('textUrl', 12, 4, 'https://example.org/docs')]);
    expect(shape(nodes)).toBe('spoiler(secret [plan|bold]) link(here)');
    const link = nodes.find((node) => node.kind === 'link');
    expect(link).toMatchObject({ url: 'https://example.org/docs', text: 'here', asks: true });
  });

  it('splits a link that crosses a spoiler edge, keeping the whole link text on both halves', () => {
    const nodes = messageNodes('see example.org now', [e('spoiler', 0, 8), e('url', 4, 11)]);
    expect(shape(nodes)).toBe('spoiler(see link(exam))link(ple.org) now');
    const links = nodes.flatMap((node) => (node.kind === 'link' ? [node] : node.kind === 'spoiler' ? node.children.filter((child) => child.kind === 'link') : []));
    expect(links.map((link) => link.kind === 'link' && link.text)).toEqual(['example.org', 'example.org']);
    expect(new Set(links.map((link) => link.kind === 'link' && link.id)).size).toBe(1);
  });

  it('makes a pre block the outermost container, mentions and hashtags the innermost', () => {
    const nodes = messageNodes('code: x = 1\nhi @dana #tag', [e('pre', 6, 5), e('mention', 15, 5), e('hashtag', 21, 4), e('bold', 15, 10)]);
    expect(shape(nodes)).toBe('code: pre(x = 1)\nhi mention([@dana|bold])[ |bold]hashtag([#tag|bold])');
  });

  it('lets the earlier of two overlapping links own the shared part', () => {
    const nodes = messageNodes('abcdef', [e('textUrl', 2, 4, 'https://two.example/'), e('textUrl', 0, 4, 'https://one.example/')]);
    expect(nodes.map((node) => node.kind === 'link' && node.url)).toEqual(['https://one.example/', 'https://two.example/']);
    expect(shape(nodes)).toBe('link(abcd)link(ef)');
  });
});

describe('UTF-16 offsets', () => {
  it('counts an emoji as two code units, as Telegram does', () => {
    const text = '😀 bold 👨‍👩‍👧 end';
    expect(text.indexOf('bold')).toBe(3);
    expect(shape(messageNodes(text, [e('bold', 3, 4)]))).toBe('😀 [bold|bold] 👨‍👩‍👧 end');
    const family = text.indexOf('👨');
    expect(shape(messageNodes(text, [e('italic', family, '👨‍👩‍👧'.length)]))).toBe('😀 bold [👨‍👩‍👧|italic] end');
  });

  it('widens an edge that falls inside a surrogate pair to the whole character', () => {
    const text = 'a😀b';
    // Starts in the middle of 😀 (offset 2 is its low half) and ends in the middle of it.
    expect(shape(messageNodes(text, [e('bold', 2, 1)]))).toBe('a[😀|bold]b');
    expect(shape(messageNodes(text, [e('bold', 0, 2)]))).toBe('[a😀|bold]b');
    expect(cleanEntities(text, [e('bold', 2, 1)])).toEqual([{ type: 'bold', start: 1, end: 3 }]);
  });

  it('never produces a lone surrogate, whatever the entities (seeded random entities)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pieces = ['a', 'bc', '😀', '👍🏽', 'д', ' ', '🇳🇱', '<b>', '\n'];
    const types: ChatEntity['type'][] = ['bold', 'italic', 'underline', 'strike', 'code', 'pre', 'spoiler', 'url', 'textUrl', 'mention', 'hashtag'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const entities = Array.from({ length: Math.floor(random() * 8) }, () =>
        e(types[Math.floor(random() * types.length)]!, Math.floor(random() * (text.length + 3)), 1 + Math.floor(random() * (text.length + 3)), 'https://example.org/'),
      );
      const nodes = messageNodes(text, entities);
      expect(nodes.map(nodeText).join('')).toBe(text);
      for (const leaf of leaves(nodes)) {
        expect(leaf.text.length).toBeGreaterThan(0);
        expect(LONE_SURROGATE.test(leaf.text)).toBe(false);
      }
    }
  });
});

describe('what a bad server sends', () => {
  it('drops entities starting at or past the end and cuts those running past it', () => {
    expect(shape(messageNodes('short', [e('bold', 5, 3), e('italic', 99, 1)]))).toBe('short');
    expect(shape(messageNodes('short', [e('bold', 2, 1000)]))).toBe('sh[ort|bold]');
  });

  it('drops negative, fractional, NaN, empty and unknown entities', () => {
    const bad = [
      e('bold', -1, 3),
      e('bold', 1.5, 2),
      e('bold', 0, Number.NaN),
      e('bold', 0, 0),
      e('bold', 1, -2),
      { type: 'blink', offset: 0, length: 2 } as unknown as ChatEntity,
      null as unknown as ChatEntity,
    ];
    expect(cleanEntities('hello', bad)).toEqual([]);
    expect(shape(messageNodes('hello', bad))).toBe('hello');
  });

  it('renders a textUrl without a usable target as a link that cannot be opened', () => {
    const [node] = messageNodes('click', [e('textUrl', 0, 5, 'javascript:alert(1)')]);
    expect(node).toMatchObject({ kind: 'link', url: null });
    const [file] = messageNodes('click', [e('textUrl', 0, 5, 'file:///etc/passwd')]);
    expect(file).toMatchObject({ kind: 'link', url: null });
    const [missing] = messageNodes('click', [e('textUrl', 0, 5)]);
    expect(missing).toMatchObject({ kind: 'link', url: null });
  });
});

describe('links', () => {
  it('opens a url entity at the address its text shows, without asking', () => {
    const [, node] = messageNodes('go example.org/path?q=1 now', [e('url', 3, 20)]);
    expect(node).toMatchObject({ kind: 'link', url: 'https://example.org/path?q=1', asks: false });
  });

  it('asks when a text link shows another address, or no address, than it goes to', () => {
    const link = (text: string, url: string) => messageNodes(text, [e('textUrl', 0, text.length, url)])[0];
    expect(link('https://bank.example/login', 'https://evil.example/login')).toMatchObject({ asks: true });
    expect(link('here', 'https://example.org/docs')).toMatchObject({ asks: true });
    expect(link('example.org/docs', 'https://example.org/docs/')).toMatchObject({ asks: false });
    expect(link('HTTPS://Example.org', 'http://example.org/')).toMatchObject({ asks: false });
    expect(link('example.org/a', 'https://example.org/b')).toMatchObject({ asks: true });
    expect(link('https://user@example.org', 'https://example.org')).toMatchObject({ asks: true });
    expect(link('durov', 'tg://resolve?domain=durov')).toMatchObject({ url: 'tg://resolve?domain=durov', asks: true });
  });

  it('takes a bare domain as a text link target', () => {
    expect(messageNodes('docs', [e('textUrl', 0, 4, 'example.org/docs')])[0]).toMatchObject({ url: 'https://example.org/docs' });
  });
});
