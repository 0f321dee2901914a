/** Browser mode's host (electron/web/host.ts): which links it hands to the system, and what a tab cannot do. */
import { describe, expect, it } from 'vitest';
import { createBrowserHost } from '../../../electron/web/host.js';

function host(opens = true) {
  const opened: string[] = [];
  const appHost = createBrowserHost({
    openLink: async (url) => {
      opened.push(url);
      return opens;
    },
  });
  return { appHost, opened };
}

describe('the browser-mode host', () => {
  it('opens web pages and Telegram links clicked in messages, nothing else', async () => {
    const { appHost, opened } = host();
    await appHost.openLink!('https://example.org/docs');
    await appHost.openLink!('tg://resolve?domain=durov');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.org/', 'ms-settings:']) {
      await expect(appHost.openLink!(url)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(opened).toEqual(['https://example.org/docs', 'tg://resolve?domain=durov']);
  });

  it('keeps openExternal to Telegram links, and says when nothing could open a link', async () => {
    const { appHost, opened } = host(false);
    await expect(appHost.openExternal('https://example.org/')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(appHost.openLink!('https://example.org/')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(opened).toEqual(['https://example.org/']);
  });
});
