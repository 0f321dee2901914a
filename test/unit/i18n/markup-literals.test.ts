/**
 * No words written straight into the renderer's markup: every text node and every user-facing
 * attribute (aria-label, title, placeholder, alt, and the label/description props our components
 * take) in a .svelte file is an expression, so it comes from the catalogues. Read from Svelte's own
 * parser, so a comment, a <style> or a class name is never mistaken for text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER = join(ROOT, 'renderer/src');
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label', 'description']);
/** Key caps are the keys' own names, the same in every language. */
const KEY_CAPS = /^(Tab|Esc|Enter|Shift|Ctrl|Alt|Del|F\d+|[↑↓←→↵⌘⌥⇧])$/;
/** The names my.telegram.org gives its two fields: the first-run form labels them as Telegram does. */
const TELEGRAM_NAMES = new Set(['api_id', 'api_hash']);
const hasWords = (text: string) => /\p{L}/u.test(text) && !TELEGRAM_NAMES.has(text.trim());

type Node = { type: string; name?: string; data?: string; value?: unknown; start: number; attributes?: Node[]; [key: string]: unknown };

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.svelte'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Literal words in one component's template: `line: text`. */
export function literalsIn(source: string): string[] {
  const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
  const found: string[] = [];
  const line = (at: number) => source.slice(0, at).split('\n').length;
  const visit = (node: unknown, parent: Node | null): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, parent));
    if (!node || typeof node !== 'object') return;
    const current = node as Node;
    if (current.type === 'Text' && hasWords(current.data ?? '')) {
      const text = (current.data ?? '').trim();
      if (!(parent?.name === 'kbd' && KEY_CAPS.test(text))) found.push(`${line(current.start)}: ${text}`);
    }
    if (current.type === 'StyleDirective') return; // style:--size="{size}px": CSS, not words
    if (current.type === 'Attribute') {
      // Only attributes people read; the others (class, data-testid, role…) are code.
      if (current.name && TEXT_ATTRIBUTES.has(current.name) && Array.isArray(current.value)) {
        for (const part of current.value as Node[]) if (part.type === 'Text' && hasWords(part.data ?? '')) found.push(`${line(current.start)}: ${current.name}="${part.data}"`);
      }
      return;
    }
    for (const [key, value] of Object.entries(current)) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'metadata' || key === 'expression') continue;
      visit(value, current.type === 'RegularElement' || current.type === 'Component' ? current : parent);
    }
  };
  visit(ast.fragment, null);
  return found;
}

describe('renderer markup', () => {
  it('finds the literals it looks for (the check can fail)', () => {
    expect(literalsIn('<p>Hello <b>{name}</b></p><kbd>Esc</kbd> <button aria-label="Close">{t("x")}</button><Toggle label="On" />')).toEqual([
      '1: Hello',
      '1: aria-label="Close"',
      '1: label="On"',
    ]);
    expect(literalsIn('<p>{t("a")}</p><span class="x y" data-testid="z">{"·"}</span><!-- a comment --><kbd>↵</kbd>')).toEqual([]);
  });

  it('has no user-facing words written into any .svelte file', () => {
    const offenders = svelteFiles(RENDERER).flatMap((file) => literalsIn(readFileSync(file, 'utf8')).map((hit) => `${relative(ROOT, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
