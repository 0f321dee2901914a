/**
 * Message photos and profile photos through gramjs's own download calls, unmodified: the stripped
 * thumbnail Telegram sends inline, the sizes upload.getFile serves, and a client whose session
 * began on another DC id than the one help.getConfig names (gramjs starts on DC 4), which must
 * move its login to the photo's DC with auth.exportAuthorization / auth.importAuthorization.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { Api, type TelegramClient } from 'telegram';
import { strippedPhotoToJpg } from 'telegram/Utils.js';
import { fakeDcClient } from '../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { createDemoWorld, DEMO_ACCOUNTS, type World } from '../../../electron/local-dc/world/index.js';
import { expandStrippedThumb } from '../../../electron/shared/stripped-thumb.js';

let dc: FakeDc;
let world: World;
const clients: TelegramClient[] = [];

beforeAll(async () => {
  world = createDemoWorld();
  dc = await startFakeDc({ world, log: () => undefined });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
});
afterAll(async () => {
  await dc?.close();
});

/** A client whose session names `dcId` as its home, logged in as the demo's main account. */
async function login(dcId = 2): Promise<TelegramClient> {
  const client = fakeDcClient({ dc: { ...dc, dcId } });
  clients.push(client);
  const account = DEMO_ACCOUNTS.main;
  await client.start({
    phoneNumber: account.phone,
    phoneCode: async () => account.code,
    onError: async (error) => {
      throw error;
    },
  });
  return client;
}

async function clubPhotoMessage(client: TelegramClient): Promise<Api.Message> {
  const history = await client.getMessages('photo_club_demo', { limit: 100 });
  const message = history.find((candidate) => candidate.media instanceof Api.MessageMediaPhoto);
  if (!message) throw new Error('the photo club has no photo');
  return message;
}

const meanColour = (image: { data: Uint8Array; width: number; height: number }) => {
  const sums = [0, 0, 0];
  for (let index = 0; index < image.data.length; index += 4) for (let channel = 0; channel < 3; channel++) sums[channel]! += image.data[index + channel]!;
  return sums.map((sum) => sum / (image.width * image.height));
};

describe('message photos', () => {
  it('come with a stripped thumbnail and two sizes, each a real JPEG of the same picture', async () => {
    const client = await login();
    const message = await clubPhotoMessage(client);
    const photo = (message.media as Api.MessageMediaPhoto).photo as Api.Photo;
    const stripped = photo.sizes.find((size): size is Api.PhotoStrippedSize => size instanceof Api.PhotoStrippedSize);
    expect(stripped?.type).toBe('i');
    expect(photo.sizes.filter((size) => size instanceof Api.PhotoSize).map((size) => (size as Api.PhotoSize).type)).toEqual(['s', 'm']);

    // The page's expansion and gramjs's agree byte for byte, and a JPEG decoder reads the result.
    const expanded = expandStrippedThumb(Uint8Array.from(stripped!.bytes))!;
    expect(Buffer.from(expanded).equals(strippedPhotoToJpg(Buffer.from(stripped!.bytes)))).toBe(true);
    const thumb = jpeg.decode(Buffer.from(expanded), { useTArray: true });
    expect([thumb.width, thumb.height]).toEqual([40, 30]);

    // gramjs downloads the thumbnail it was sent (no request) and the sizes from upload.getFile.
    const inline = (await client.downloadMedia(message, { thumb: stripped! })) as Buffer;
    expect(inline.equals(Buffer.from(expanded))).toBe(true);
    const stored = world.state.messagePhotos.get(BigInt(photo.id.toString()))!;
    for (const type of ['s', 'm'] as const) {
      const size = photo.sizes.find((candidate) => candidate instanceof Api.PhotoSize && candidate.type === type) as Api.PhotoSize;
      const bytes = (await client.downloadMedia(message, { thumb: size })) as Buffer;
      expect(bytes.equals(stored.sizes.find((stored) => stored.type === type)!.jpeg)).toBe(true);
      const decoded = jpeg.decode(bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([size.w, size.h]);
      expect(size.size).toBe(bytes.length);
      // The thumbnail is the same picture: its mean colour is within a few levels of each size's.
      meanColour(decoded).forEach((value, channel) => expect(Math.abs(value - meanColour(thumb)[channel]!)).toBeLessThan(12));
    }
  });
});

describe('a session that began on another DC id', () => {
  it('downloads profile and message photos by moving its login to the photo DC', async () => {
    const client = await login(4);
    expect(client.session.dcId).toBe(4);
    const exportsBefore = dc.faults.callsTo('auth.ExportAuthorization');
    const entity = await client.getEntity('olivia_long');
    const avatar = (await client.downloadProfilePhoto(entity)) as Buffer;
    const photoId = BigInt(((entity as Api.User).photo as Api.UserProfilePhoto).photoId.toString());
    expect(avatar.equals(world.state.photos.get(photoId)!.jpeg)).toBe(true);

    const message = await clubPhotoMessage(client);
    const bytes = (await client.downloadMedia(message)) as Buffer;
    const stored = world.state.messagePhotos.get(BigInt((message.media as Api.MessageMediaPhoto).photo!.id.toString()))!;
    expect(bytes.equals(stored.sizes.at(-1)!.jpeg)).toBe(true);
    // One export for DC 2, reused by the second download.
    expect(dc.faults.callsTo('auth.ExportAuthorization') - exportsBefore).toBe(1);
  });

  it('imports an exported login once, on a fresh key, and refuses bad DC ids and forged bytes', async () => {
    const client = await login();
    await expect(client.invoke(new Api.auth.ExportAuthorization({ dcId: 9 }))).rejects.toThrow(/DC_ID_INVALID/);
    const exported = await client.invoke(new Api.auth.ExportAuthorization({ dcId: 3 }));

    const fresh = fakeDcClient({ dc });
    clients.push(fresh);
    await fresh.connect();
    await expect(fresh.invoke(new Api.updates.GetState())).rejects.toThrow(/AUTH_KEY_UNREGISTERED/);
    await expect(fresh.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: Buffer.alloc(32, 7) }))).rejects.toThrow(/AUTH_BYTES_INVALID/);
    const imported = await fresh.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }));
    expect(((imported as Api.auth.Authorization).user as Api.User).id.toString()).toBe(DEMO_ACCOUNTS.main.userId.toString());
    expect(await fresh.invoke(new Api.updates.GetState())).toBeInstanceOf(Api.updates.State);

    const another = fakeDcClient({ dc });
    clients.push(another);
    await another.connect();
    await expect(another.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }))).rejects.toThrow(/AUTH_BYTES_INVALID/);
  });

  it('lists every DC id in help.getConfig at the one address', async () => {
    const client = await login();
    const config = await client.invoke(new Api.help.GetConfig());
    expect(config.thisDc).toBe(2);
    expect(config.dcOptions.map((option) => option.id)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(config.dcOptions.map((option) => `${option.ipAddress}:${option.port}`))).toEqual(new Set([`${dc.host}:${dc.port}`]));
  });
});
