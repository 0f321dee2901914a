/** Which links from messages may leave the app, and when a link's text shows its target (electron/shared/links.ts). */
import { describe, expect, it } from 'vitest';
import { isWebLink, textShowsTarget, webLinkFromText } from '../../../electron/shared/links.js';
import { isAllowedLinkUrl } from '../../../electron/main/security-rules.js';

describe('isWebLink', () => {
  it.each(['https://example.org', 'http://example.org/a?b=c#d', 'https://xn--80ak6aa92e.com/', 'https://example.org:8443/x'])('allows %s', (url) => {
    expect(isWebLink(url)).toBe(true);
  });

  it.each([
    ['another scheme', 'file:///etc/passwd'],
    ['script', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a share', 'smb://host/share'],
    ['credentials', 'https://bank.example@evil.example/'],
    ['no host', 'https://'],
    ['relative', '//evil.example/'],
    ['whitespace', 'https://example.org/a b'],
    ['a control character', 'https://example.org/\u0000'],
    ['a backslash', 'https://example.org\\@evil.example'],
    ['too long', `https://example.org/${'a'.repeat(2100)}`],
    ['not a string', 42],
  ])('refuses %s', (_why, url) => {
    expect(isWebLink(url)).toBe(false);
  });
});

describe('isAllowedLinkUrl (a clicked link, as the shells check it)', () => {
  it('allows web pages and Telegram links, nothing else', () => {
    expect(isAllowedLinkUrl('https://example.org/')).toBe(true);
    expect(isAllowedLinkUrl('tg://resolve?domain=durov')).toBe(true);
    expect(isAllowedLinkUrl('tg://settings')).toBe(false);
    expect(isAllowedLinkUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedLinkUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('webLinkFromText and textShowsTarget', () => {
  it('reads a bare domain as https and refuses other schemes', () => {
    expect(webLinkFromText('example.org/x')).toBe('https://example.org/x');
    expect(webLinkFromText(' http://example.org ')).toBe('http://example.org/');
    expect(webLinkFromText('example.org:8080/x')).toBe('https://example.org:8080/x');
    expect(webLinkFromText('javascript:alert(1)')).toBeNull();
    expect(webLinkFromText('here')).toBe('https://here/');
    expect(webLinkFromText('')).toBeNull();
  });

  it('sees the same target through case, scheme and a trailing slash, and nothing else', () => {
    expect(textShowsTarget('Example.org/Docs', 'https://example.org/Docs/')).toBe(true);
    expect(textShowsTarget('example.org/docs', 'https://example.org/other')).toBe(false);
    expect(textShowsTarget('example.org', 'https://example.org.evil.example/')).toBe(false);
    expect(textShowsTarget('here', 'https://example.org/')).toBe(false);
    expect(textShowsTarget('example.org', 'javascript:alert(1)')).toBe(false);
  });
});
