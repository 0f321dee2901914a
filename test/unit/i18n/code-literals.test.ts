/**
 * No sentence written straight into the shell's code (electron/main: menus, tray, dialogs, the
 * refusals it shows) or into the renderer's scripts (.ts files and the <script> of each .svelte
 * file; markup-literals.test.ts reads the markup): a string or template literal that reads as
 * words for a person must come from the catalogues. Read with TypeScript's own parser, so comments
 * are never text. What is not for the user is recognised by where it stands: the argument of a log
 * call, of an Error constructor (a bug report, not a message), of t() (a key, or a placeholder's
 * value such as a shell command); the few that remain are listed below, each with its reason.
 *
 * The core (electron/core) words its errors in English for the CLI and the log; the screens say
 * them from the catalogues by error code, which the last test checks code by code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../electron/shared/ipc-contract';
import { DETAIL_CODES, TRANSLATED_CODES } from '../../../renderer/src/lib/errorCodes';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCANNED = ['electron/main', 'electron/preload', 'renderer/src'];

/** Literals that read as words but are not shown to anyone, by file and opening words. */
const NOT_FOR_THE_USER: Record<string, { starts: string; why: string }[]> = {
  'electron/main/ipc.ts': [{ starts: 'This window may not call', why: 'answered only to a frame that is not the app’s own (FORBIDDEN_SENDER); no user reads it' }],
  'electron/main/security-rules.ts': [{ starts: "default-src 'self'", why: 'the Content-Security-Policy header: directives, not words' }],
  'electron/main/sandbox-check.ts': [
    { starts: 'running without the sandbox', why: 'SandboxVerdict.reason: why a run is allowed, for the log' },
    { starts: 'user namespaces are available', why: 'SandboxVerdict.reason, for the log' },
    { starts: 'the setuid sandbox helper', why: 'SandboxVerdict.reason, for the log' },
  ],
  'renderer/src/lib/keyboardLayouts.svelte.ts': [{ starts: 'The keyboard layout could not be read', why: 'KeyboardLayouts.problem: diagnostics, never rendered' }],
};

/** Call targets whose string arguments are for developers: loggers and error constructors. */
const DEVELOPER_CALL = /(^|\.)(log|warn|error|info|debug|trace)$|(^|\.)(Error|TypeError|RangeError|SyntaxError|HandshakeError|TransportError)$/;

function scriptFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The code of a file: a .svelte file's <script> blocks (markup-literals.test.ts reads its markup), blank lines kept so line numbers hold. */
function codeOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  let code = '';
  for (const match of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const before = text.slice(0, match.index! + match[1]!.length);
    code += '\n'.repeat(before.split('\n').length - 1 - code.split('\n').length + 1) + match[2];
  }
  return code;
}

/** Three or more words of letters, most of what the text holds: a sentence, not a key, path, MIME type or CSP. */
export function readsAsWords(text: string): boolean {
  const tokens = text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const words = tokens.filter((token) => /^[("“«]?\p{L}{2,}[\p{L}’'-]*[,.;:!?…)”»]*$/u.test(token));
  return words.length >= 3 && words.length * 2 > tokens.length;
}

/** The calls a node sits in the arguments of, innermost first (callee text). */
function enclosingCalls(node: ts.Node): string[] {
  const callees: string[] = [];
  for (let parent = node.parent; parent && !ts.isSourceFile(parent); parent = parent.parent) {
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression.getText() !== '') callees.push(parent.expression.getText());
    if (ts.isFunctionLike(parent)) break;
  }
  return callees;
}

/** Literal words in one file's code: `line: text`. */
export function literalsIn(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    if (text !== undefined && readsAsWords(text) && !ts.isLiteralTypeNode(node.parent)) {
      const calls = enclosingCalls(node);
      const forDevelopers = calls.some((callee) => DEVELOPER_CALL.test(callee));
      const translated = calls.some((callee) => /(^|\.)t$/.test(callee) || callee === 'speak()' || /\bt\(/.test(callee));
      if (!forDevelopers && !translated) found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
    }
    if (ts.isTemplateExpression(node)) return node.templateSpans.forEach((span) => visit(span.expression));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('shell and renderer scripts', () => {
  it('finds the literals it looks for (the check can fail)', () => {
    const sample = [
      "dialog.showErrorBox(t('desktop.dialog.noSandboxTitle'), 'TopSwitch will not run here.');",
      "const reason = `\"${token}\" is not a modifier.`;",
      "log('refused to open external URL', url);",
      "throw new AppError('INVALID_ARGUMENT', 'TopSwitch opens only web pages.');",
      "throw new Error('not a D-Bus name here');",
      "const csp = \"default-src 'self'; script-src 'self'\";",
      "const mime = 'text/html; charset=utf-8';",
      "t('desktop.sandbox.fixSource', { command: `sudo chown root:root '${path}' && sudo chmod 4755 '${path}'` });",
      "type Kind = 'one two three';",
      '// A comment is not text at all, however many words it has.',
    ].join('\n');
    expect(literalsIn(sample)).toEqual(['1: TopSwitch will not run here.', '2: " " is not a modifier.', '4: TopSwitch opens only web pages.']);
  });

  it('have no user-facing sentence written into the code', () => {
    const offenders: string[] = [];
    const allowedUnused = new Set(Object.entries(NOT_FOR_THE_USER).flatMap(([path, entries]) => entries.map((entry) => `${path}: ${entry.starts}`)));
    for (const dir of SCANNED) {
      for (const path of scriptFiles(dir)) {
        const name = relative(ROOT, path);
        for (const hit of literalsIn(codeOf(path), name)) {
          const text = hit.slice(hit.indexOf(': ') + 2);
          const allowed = (NOT_FOR_THE_USER[name] ?? []).find((entry) => text.startsWith(entry.starts));
          if (allowed) allowedUnused.delete(`${name}: ${allowed.starts}`);
          else offenders.push(`${name}:${hit}`);
        }
      }
    }
    expect(offenders).toEqual([]);
    // An exception whose literal is gone goes from the list too.
    expect([...allowedUnused]).toEqual([]);
  });

  it('say every error code the core can send either from the catalogues or with the core’s own detail', () => {
    const classified = new Set<string>([...TRANSLATED_CODES, ...DETAIL_CODES]);
    expect(ERROR_CODES.filter((code) => !classified.has(code))).toEqual([]);
    expect(TRANSLATED_CODES.filter((code) => (DETAIL_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
