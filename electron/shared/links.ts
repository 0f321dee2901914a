/**
 * Links in messages: which targets TopSwitch hands to the system (web pages over http(s); the
 * shell adds Telegram's own tg:// and t.me links), and what a link's visible text points at.
 * Pure string rules, shared by the page (to draw and confirm a link), the core (to refuse
 * anything else with a clear error) and both shells (to check again before the OS sees it).
 */

export const MAX_LINK_LENGTH = 2048;

/**
 * An http(s) URL the system browser may open: absolute, with a host, no user name or password
 * (`https://bank.example@evil.example/` reads as the bank), nothing the OS handler could misread
 * (control characters, whitespace, backslashes), no port games beyond a number.
 */
export function isWebLink(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINK_LENGTH) return false;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return false;
  if (!/^https?:\/\//i.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * The URL a `url` entity's text names, as Telegram clients read it: a text without a scheme
 * ('example.org/x') is an https address; a text with another scheme is not a web link. Null when
 * the text names no web link at all.
 */
export function webLinkFromText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // 'host:8080/x' has a port, not a scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return isWebLink(withScheme) ? new URL(withScheme).href : null;
}

/**
 * Whether a link's visible text shows where it goes: the same host and the same path, query and
 * fragment (a trailing slash, letter case in the host and http vs https do not count). When it
 * does not, the page asks before opening.
 */
export function textShowsTarget(text: string, target: string): boolean {
  const shown = webLinkFromText(text);
  if (shown === null || !isWebLink(target)) return false;
  const a = new URL(shown);
  const b = new URL(target);
  const rest = (url: URL) => `${url.port}${url.pathname.replace(/\/$/, '')}${url.search}${url.hash}`;
  return a.hostname === b.hostname && rest(a) === rest(b);
}
