/**
 * The renderer in Russian, in real Chromium whose language is Russian (navigator.languages),
 * at the switcher window's own size: first run, every login step, the switcher with results,
 * its tabs, menu and empty search, the states, and Settings. Each screen is checked by axe in
 * light and dark and pictured (test-results/screenshots/ru-*), and no text may be cut off by
 * the longer Russian wording. The chat pane too, with a file's size in Russian units and digits
 * (1,5 МБ). Settings switches the language live, both ways, without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SWITCHER_SIZE } from '../../../electron/main/window-options.js';
import type { KeyValueStore } from '../../../electron/core/store.js';
import { createFillableStore, promoteNewcomer } from '../../support/disk.js';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { DEMO_CHATS } from '../../../electron/local-dc/world/index.js';
import {
  activeTitle,
  allowForABusyMachine,
  checkScreen,
  clippedText,
  DEMO_ACCOUNTS,
  openApp,
  rowTitles,
  settleAnimations,
  startLocalDc,
  type AppUnderTest,
  type LocalDc,
} from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] Russian renderer tests: ${unavailable}`);

const GET_TOP_PEERS = 'contacts.GetTopPeers';

describe.skipIf(unavailable !== null)('the renderer in Russian', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest | undefined;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  async function fresh(mode: 'login' | 'first-run', store?: KeyValueStore): Promise<Page> {
    await app?.close();
    local.dc.faults.clear();
    app = await openApp(browser, server.url, local, { mode, locale: 'ru-RU', viewport: { ...SWITCHER_SIZE }, ...(store ? { store } : {}) });
    return app.page;
  }

  /** axe in both themes, screenshots, and nothing cut off by the Russian wording. */
  async function checkRussianScreen(page: Page, name: string): Promise<void> {
    await settleAnimations(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await clippedText(page), `clipped text on ${name}`).toEqual([]);
    await checkScreen(page, `ru-${name}`);
  }

  async function signIn(page: Page, account: { phone: string; code: string } = DEMO_ACCOUNTS.main): Promise<void> {
    await page.getByLabel('Номер телефона').fill(`+${account.phone}`);
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByLabel('Код', { exact: true }).fill(account.code);
  }

  it('first run speaks Russian, its own checks included', async () => {
    const page = await fresh('first-run');
    await page.getByRole('heading', { name: 'Добро пожаловать в TopSwitch' }).waitFor();
    await page.getByLabel('api_id').fill('12ab');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await expect.poll(() => page.getByText('api_id — это число').count()).toBe(1);
    await checkRussianScreen(page, 'first-run');
  });

  it('walks the login steps in Russian: phone, QR, code with a wrong code, 2FA password', async () => {
    const page = await fresh('login');
    await page.getByRole('heading', { name: 'Вход в Telegram' }).waitFor();
    await checkRussianScreen(page, 'login-phone');

    await page.getByRole('button', { name: 'Войти по QR-коду' }).click();
    await page.getByTestId('qr').waitFor();
    await expect.poll(() => page.getByRole('img', { name: 'QR-код для входа в TopSwitch' }).count()).toBe(1);
    await checkRussianScreen(page, 'login-qr');
    await page.getByRole('button', { name: 'Войти по номеру телефона' }).click();

    await page.getByLabel('Номер телефона').fill(`+${DEMO_ACCOUNTS.main.phone}`);
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByLabel('Код', { exact: true }).fill('11111');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Код неверный/);
    expect(await page.getByTestId('resend-timer').textContent()).toMatch(/Новый код можно запросить через \d+:\d\d/);
    await checkRussianScreen(page, 'login-code');

    const twoFactor = await fresh('login');
    await signIn(twoFactor, DEMO_ACCOUNTS.twoFactor);
    await twoFactor.getByRole('heading', { name: 'Введите пароль' }).waitFor();
    await expect.poll(() => twoFactor.getByText(`Подсказка: ${DEMO_ACCOUNTS.twoFactor.hint}`).count()).toBe(1);
    await twoFactor.getByLabel('Пароль', { exact: true }).fill('not-the-password');
    await twoFactor.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect.poll(() => twoFactor.getByRole('alert').textContent()).toMatch(/Пароль неверный/);
    await checkRussianScreen(twoFactor, 'login-password');
  });

  it('shows the switcher with results, tabs, plurals, a context menu and an empty search in Russian', async () => {
    const page = await fresh('login');
    await signIn(page);
    await page.getByTestId('results').waitFor();
    await expect.poll(() => rowTitles(page)).toContain('Alice Johnson');
    expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/^Все\s*\d+/);
    expect(await page.getByTestId('section-start').first().textContent()).toBe('Топ');
    expect(await page.getByRole('combobox', { name: 'Поиск по частым чатам' }).getAttribute('placeholder')).toBe('Поиск');
    await checkRussianScreen(page, 'switcher');

    // Three Russian plural forms in the live region: whatever the count, the word agrees with it.
    await page.getByTestId('search').fill('a');
    await expect.poll(() => page.getByTestId('live').textContent()).toMatch(/^\d+ результат(а|ов)?$/);
    const spoken = (await page.getByTestId('live').textContent()) ?? '';
    const count = Number(spoken.split(' ')[0]);
    const form = new Intl.PluralRules('ru').select(count);
    expect(spoken).toBe(`${count} ${{ one: 'результат', few: 'результата', many: 'результатов' }[form as 'one' | 'few' | 'many']}`);
    await checkRussianScreen(page, 'switcher-search');

    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu').waitFor();
    expect(await page.getByRole('menuitem').first().innerText()).toMatch(/^Открыть/);
    await checkRussianScreen(page, 'switcher-context-menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('search').fill('zzqqxx');
    await page.getByTestId('state-no-results').waitFor();
    expect(await page.getByTestId('state-no-results').innerText()).toContain('По запросу «zzqqxx» ничего нет');
    await expect.poll(() => page.getByTestId('live').textContent()).toBe('Нет результатов');
    await checkRussianScreen(page, 'switcher-no-results');
  });

  it('says what is wrong in Russian: rate-limited, offline, suggestions off', async () => {
    const page = await fresh('login');
    await signIn(page);
    await page.getByTestId('results').waitFor();
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300', times: 1 });
    await page.getByTestId('refresh').click();
    await page.getByTestId('countdown').waitFor();
    expect(await page.getByTestId('banner-rate-limited').innerText()).toMatch(/Telegram попросил делать запросы реже\.\s+Следующая попытка через \d:\d\d\./);
    await checkRussianScreen(page, 'state-rate-limited');

    const disabled = await fresh('login');
    await signIn(disabled, DEMO_ACCOUNTS.disabled);
    await disabled.getByTestId('state-disabled').waitFor();
    expect(await disabled.getByRole('heading', { level: 2 }).textContent()).toBe('Подсказки выключены');
    await checkRussianScreen(disabled, 'state-disabled');
  });

  it('says in Russian what Telegram refused, and that the disk is full when the new list cannot be saved', async () => {
    const { store, setFull } = createFillableStore();
    const page = await fresh('login', store);
    await signIn(page);
    await page.getByTestId('results').waitFor();
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'rpc-error', code: 400, message: 'CHAT_ADMIN_REQUIRED', times: 1 });
    await page.getByTestId('refresh').click();
    await expect.poll(() => page.getByTestId('banner-error').innerText()).toMatch(/Telegram отклонил запрос: CHAT_ADMIN_REQUIRED/);
    // A newcomer on top: the next answer is a full list, which must be saved.
    const newcomer = promoteNewcomer(local.world, DEMO_ACCOUNTS.main);
    setFull(true);
    try {
      await page.getByTestId('refresh').click();
      await expect.poll(() => page.getByTestId('banner-error').innerText()).toMatch(/TopSwitch не смог сохранить данные: диск заполнен\./);
      await checkRussianScreen(page, 'state-disk-full');
    } finally {
      setFull(false);
      local.world.zeroRating(DEMO_ACCOUNTS.main.phone, { kind: 'user', id: newcomer }, 'correspondents');
    }
  });

  it('shows the chat pane in Russian, a file size in Russian units and digits', async () => {
    const page = await fresh('login');
    await signIn(page);
    await page.getByTestId('results').waitFor();
    // A 1.5 MiB file is the newest message of the chat.
    local.world.addMessage(DEMO_ACCOUNTS.main.userId, { kind: 'user', id: DEMO_CHATS.long.id }, {
      text: 'Отчёт за квартал',
      rich: { media: { kind: 'file', fileName: 'otchet.pdf', size: 1_572_864, mimeType: 'application/pdf' } },
    });
    await page.getByTestId('search').fill('olivia');
    await expect.poll(() => activeTitle(page)).toBe('Olivia Long');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe('Olivia Long');
    const file = page.locator('[data-testid="media-placeholder"][data-kind="file"]').filter({ hasText: 'otchet.pdf' });
    await expect.poll(() => file.locator('.meta').textContent()).toMatch(/1,5\s?МБ/);
    expect(await page.getByRole('textbox', { name: 'Сообщение' }).count()).toBe(1);
    await checkRussianScreen(page, 'chat-pane');
  });

  it('shows Settings in Russian, and switches the whole UI to English and back without a reload', async () => {
    const page = await fresh('login');
    await signIn(page);
    await page.getByTestId('results').waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByRole('button', { name: 'Настройки' }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    expect(await page.getByLabel('Язык').inputValue()).toBe('system');
    expect(await page.locator('#language option[value="system"]').textContent()).toBe('Как в системе (Русский)');
    await checkRussianScreen(page, 'settings');

    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(app!.core.api.getSettings().language).toBe('en');
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/^All\s*\d+/);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('system');
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    expect(app!.core.api.getSettings().language).toBe('system');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
