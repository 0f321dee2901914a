/**
 * Photos in messages through the app core and its router, against the local DC: the stripped
 * thumbnail arrives with the message, chat:photo downloads the bubble size once and then serves
 * it from a private file with no request at all, a FLOOD_WAIT on upload.getFile holds for the
 * next photo too (the session's gate), links from messages reach the host's opener only when
 * they are web or Telegram links, and logout takes the photos with it. A 401 from a file DC's
 * borrowed login is that DC's refusal, not the end of the session.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CHATS } from '../../../../electron/local-dc/world/index.js';
import type { ChatMessage, ChatView } from '../../../../electron/shared/ipc-contract.js';
import { strippedThumbDataUrl } from '../../../../electron/shared/stripped-thumb.js';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { DEMO_ACCOUNTS, filesUnder, standaloneSession, startLoggedInCore, type TestCore, type TestDc } from '../harness.js';

let dc: TestDc;
let t: TestCore;
let close: () => Promise<void>;
const CLUB = `channel:${DEMO_CHATS.photos.id}`;
const OLIVIA = `user:${DEMO_CHATS.long.id}`;

beforeAll(async () => {
  // The first page of the photo chat makes the DC encode its photos: generous on a busy machine.
  ({ dc, t, close } = await startLoggedInCore({ invokeTimeoutMs: 30_000 }));
});
afterAll(() => close());

async function loaded(key: string): Promise<ChatMessage[]> {
  await t.call<ChatView>('chat:open', { key });
  await expect.poll(() => t.eventsOf('chat:view').some((view) => view.key === key && !view.loading), { timeout: 40_000 }).toBe(true);
  const view = t.eventsOf('chat:view').filter((candidate) => candidate.key === key && !candidate.loading).at(-1)!;
  if (view.error) throw new Error(`${key} did not load: ${view.error.code} ${view.error.message}`);
  return view.messages;
}

const photoFiles = () => filesUnder(t.dataDir).filter((file) => file.endsWith('.jpg') && file.includes(`${join('photos', '')}`));
const calls = (method: string) => dc.dc.faults.callsTo(method);

it('sends the stripped thumbnail with the message and downloads the bubble size once, into a private file', async () => {
  const messages = await loaded(CLUB);
  const photos = messages.filter((message) => message.media?.kind === 'photo');
  expect(photos.length).toBeGreaterThan(3);
  const [first] = photos;
  const media = first!.media as Extract<ChatMessage['media'], { kind: 'photo' }>;
  expect(strippedThumbDataUrl(media.thumb!)).toMatch(/^data:image\/jpeg;base64,\/9j\//);

  const before = { files: calls('upload.GetFile'), messages: calls('channels.GetMessages') };
  const { dataUrl } = await t.call<{ dataUrl: string }>('chat:photo', { key: CLUB, id: first!.id });
  const stored = dc.world.state.messagePhotos.get(BigInt(media.photoId))!;
  expect(Buffer.from(dataUrl.slice('data:image/jpeg;base64,'.length), 'base64').equals(stored.sizes.find((size) => size.type === 'm')!.jpeg)).toBe(true);
  expect(calls('upload.GetFile')).toBe(before.files + 1);
  expect(calls('channels.GetMessages')).toBe(before.messages + 1);

  // Again: from the disk, asking Telegram nothing.
  expect((await t.call<{ dataUrl: string }>('chat:photo', { key: CLUB, id: first!.id })).dataUrl).toBe(dataUrl);
  expect(calls('upload.GetFile')).toBe(before.files + 1);
  expect(calls('channels.GetMessages')).toBe(before.messages + 1);

  const [file] = photoFiles();
  expect(file).toMatch(new RegExp(`${media.photoId}\\.jpg$`));
  expect(statSync(file!).mode & 0o777).toBe(0o600);
  expect(statSync(dirname(file!)).mode & 0o777).toBe(0o700);
});

it('answers null for a message without a photo, and refuses a chat it does not know', async () => {
  const messages = await loaded(OLIVIA);
  const text = messages.find((message) => !message.media && message.id > 0)!;
  expect((await t.call('chat:photo', { key: OLIVIA, id: text.id })).dataUrl).toBeNull();
  expect((await t.fail('chat:photo', { key: 'user:1', id: 5 })).code).toBe('PEER_NOT_FOUND');
  expect((await t.fail('chat:photo', { key: CLUB, id: 0 })).code).toBe('INVALID_ARGUMENT');
});

it('opens web and Telegram links from messages through the host, and nothing else', async () => {
  await t.call('chat:openLink', { url: 'https://example.org/docs' });
  await t.call('chat:openLink', { url: 'tg://resolve?domain=durov' });
  expect((await t.fail('chat:openLink', { url: 'javascript:alert(1)' })).code).toBe('INVALID_ARGUMENT');
  expect((await t.fail('chat:openLink', { url: 'file:///etc/passwd' })).code).toBe('INVALID_ARGUMENT');
  expect(t.host.links).toEqual(['https://example.org/docs', 'tg://resolve?domain=durov']);
});

it('holds a FLOOD_WAIT on upload.getFile for the next photo without asking Telegram, and logout wipes the photos', async () => {
  const photos = (await loaded(CLUB)).filter((message) => message.media?.kind === 'photo');
  dc.dc.faults.inject('upload.GetFile', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300' });
  const refused = await t.fail('chat:photo', { key: CLUB, id: photos[1]!.id }).finally(() => dc.dc.faults.clear());
  expect(refused.code).toBe('RATE_LIMITED');
  expect(refused.retryAt).toBeGreaterThan(Date.now() + 200_000);
  const asked = calls('upload.GetFile');
  expect((await t.fail('chat:photo', { key: CLUB, id: photos[2]!.id })).code).toBe('RATE_LIMITED');
  expect(calls('upload.GetFile')).toBe(asked);
  // A cached photo still shows.
  expect((await t.call('chat:photo', { key: CLUB, id: photos[0]!.id })).dataUrl).toMatch(/^data:image\/jpeg/);

  expect(photoFiles().length).toBe(1);
  const folder = dirname(photoFiles()[0]!);
  await t.call('session:logout');
  expect(existsSync(folder)).toBe(false);
  expect(photoFiles()).toEqual([]);
});

it("keeps the session when a file DC refuses its borrowed login, and ends it when the home DC does", async () => {
  let ended = 0;
  const session = standaloneSession(dc, () => void ended++);
  dc.dc.faults.clear();
  try {
    await session.start();
    await session.submitPhone(`+${DEMO_ACCOUNTS.main.phone}`);
    await session.submitCode(DEMO_ACCOUNTS.main.code);
    const request = () => new Api.upload.GetFile({ location: new Api.InputPhotoFileLocation({ id: returnBigInt(1), accessHash: returnBigInt(1), fileReference: Buffer.alloc(0), thumbSize: 'm' }), offset: returnBigInt(0), limit: 1024 });
    dc.dc.faults.inject('upload.GetFile', { kind: 'rpc-error', code: 401, message: 'AUTH_KEY_UNREGISTERED' });
    // DC 3: gramjs exports the login there (auth.exportAuthorization) and asks on a fresh key.
    await expect(session.invoke(request(), { dcId: 3 })).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    expect(session.isReady).toBe(true);
    expect(ended).toBe(0);
    dc.dc.faults.inject('upload.GetFile', { kind: 'rpc-error', code: 401, message: 'AUTH_KEY_UNREGISTERED' });
    await expect(session.invoke(request())).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    expect(session.isReady).toBe(false);
    expect(ended).toBe(1);
  } finally {
    dc.dc.faults.clear();
    await session.stop();
  }
});
