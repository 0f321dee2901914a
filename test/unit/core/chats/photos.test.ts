/**
 * The message-photo cache (electron/core/chats/photos.ts) with a scripted Telegram: which size it
 * asks for and on which DC, chunked downloads, the size cap evicting the photos shown longest ago,
 * a photo too large to show, and a download that finishes after logout leaving nothing behind.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { bubbleSize, ChatPhotos, type PhotoTransport } from '../../../../electron/core/chats/photos.js';
import { MAX_PHOTO_BYTES } from '../../../../electron/shared/ipc-contract.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function photo(id: number, sizes: Api.TypePhotoSize[]): Api.Photo {
  return new Api.Photo({ id: returnBigInt(id), accessHash: returnBigInt(id * 7), fileReference: Buffer.from([id]), date: 0, sizes, dcId: 4 });
}

const SIZES = () => [
  new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.from([1, 30, 40, 0]) }),
  new Api.PhotoSize({ type: 's', w: 90, h: 67, size: 1000 }),
  new Api.PhotoSize({ type: 'm', w: 320, h: 240, size: 20_000 }),
  new Api.PhotoSize({ type: 'x', w: 800, h: 600, size: 90_000 }),
];

/** A Telegram with one photo message per id (bytes of `bytesOf(id)`), recording every call. */
function scripted(bytesOf: (id: number) => number, hold?: Promise<void>) {
  const calls: { method: string; dcId?: number; thumb?: string; offset?: number }[] = [];
  const transport: PhotoTransport = {
    async invoke(request, options = {}) {
      if (request instanceof Api.messages.GetMessages) {
        const id = (request.id[0] as Api.InputMessageID).id;
        calls.push({ method: request.className });
        const media = id % 100 === 0 ? undefined : new Api.MessageMediaPhoto({ photo: photo(id, SIZES()) });
        return new Api.messages.Messages({ messages: [new Api.Message({ id, peerId: new Api.PeerUser({ userId: returnBigInt(1) }), date: 0, message: '', media })], chats: [], users: [] }) as never;
      }
      if (request instanceof Api.upload.GetFile) {
        const location = request.location as Api.InputPhotoFileLocation;
        const offset = Number(request.offset.toString());
        calls.push({ method: request.className, dcId: options.dcId, thumb: location.thumbSize, offset });
        await hold;
        const total = bytesOf(Number(location.id.toString()));
        const length = Math.max(0, Math.min(request.limit, total - offset));
        return new Api.upload.File({ type: new Api.storage.FileJpeg(), mtime: 0, bytes: Buffer.alloc(length, 0xab) }) as never;
      }
      throw new Error(`unexpected ${request.className}`);
    },
  };
  return { transport, calls };
}

function cache(transport: PhotoTransport, capBytes?: number) {
  const dir = join(mkdtempSync(join(tmpdir(), 'topswitch-photos-')), 'photos');
  dirs.push(dirname(dir));
  return new ChatPhotos({ dir, transport, inputPeer: () => new Api.InputPeerUser({ userId: returnBigInt(1), accessHash: returnBigInt(2) }), ...(capBytes ? { capBytes } : {}) });
}

describe('ChatPhotos', () => {
  it('picks the smallest size at least a bubble wide, else the largest', () => {
    expect(bubbleSize(photo(1, SIZES()))?.type).toBe('m');
    expect(bubbleSize(photo(1, SIZES().slice(0, 2)))?.type).toBe('s');
    expect(bubbleSize(photo(1, [new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [1, 2] }), ...SIZES().slice(0, 2)]))?.type).toBe('y');
    expect(bubbleSize(photo(1, SIZES().slice(0, 1)))).toBeUndefined();
  });

  it("downloads size 'm' on the photo's DC in chunks until a short one, then serves it from disk", async () => {
    const { transport, calls } = scripted(() => 600 * 1024);
    const photos = cache(transport);
    const url = await photos.dataUrl('user:1', 5);
    expect(Buffer.from(url!.split(',')[1]!, 'base64').length).toBe(600 * 1024);
    expect(calls.filter((call) => call.method === 'upload.GetFile')).toEqual([
      { method: 'upload.GetFile', dcId: 4, thumb: 'm', offset: 0 },
      { method: 'upload.GetFile', dcId: 4, thumb: 'm', offset: 512 * 1024 },
    ]);
    // Twice at once: one download.
    const [a, b] = await Promise.all([photos.dataUrl('user:1', 6), photos.dataUrl('user:1', 6)]);
    expect(a).toBe(b);
    expect(calls.filter((call) => call.method === 'messages.GetMessages').length).toBe(2);
    expect(readdirSync(photos.dir).sort()).toEqual(['5.jpg', '6.jpg']);
  });

  it('answers null for a message without a photo', async () => {
    const { transport } = scripted(() => 1000);
    expect(await cache(transport).dataUrl('user:1', 100)).toBeNull();
  });

  it('refuses a photo larger than the pane shows, keeping nothing', async () => {
    const { transport } = scripted(() => MAX_PHOTO_BYTES + 1024);
    const photos = cache(transport);
    await expect(photos.dataUrl('user:1', 7)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(existsSync(photos.dir)).toBe(false);
  });

  it('evicts the photos shown longest ago past the cap', async () => {
    const { transport } = scripted(() => 40_000);
    const photos = cache(transport, 100_000);
    await photos.dataUrl('user:1', 1);
    await photos.dataUrl('user:1', 2);
    // Photo 1 was shown long ago, photo 2 just now: the third pushes photo 1 out.
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(photos.dir, '1.jpg'), old, old);
    await photos.dataUrl('user:1', 3);
    expect(readdirSync(photos.dir).sort()).toEqual(['2.jpg', '3.jpg']);
  });

  it('writes nothing for a download that ends after logout', async () => {
    let release!: () => void;
    const { transport } = scripted(() => 1000, new Promise<void>((resolve) => (release = resolve)));
    const photos = cache(transport);
    const pending = photos.dataUrl('user:1', 9);
    await new Promise((resolve) => setTimeout(resolve, 10));
    photos.wipe();
    release();
    expect(await pending).toMatch(/^data:image\/jpeg;base64,/);
    expect(existsSync(photos.dir)).toBe(false);
  });
});
