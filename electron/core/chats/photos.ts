/**
 * Photos in messages at bubble size, for the pane's `chat:photo`: the message is fetched again
 * (its file reference is fresh then), the size nearest a bubble (Telegram's 'm', 320 px) is
 * downloaded with upload.getFile on the photo's DC, and kept on disk by photo id in the account's
 * folder (0600 files in a 0700 folder, a total size cap, deleted on logout). A cached photo costs
 * no request at all when the message is in the history cache. Every call goes through the
 * session, so its FLOOD_WAIT gate and timeouts apply.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { MAX_PHOTO_BYTES } from '../../shared/ipc-contract.js';
import { AppError } from '../errors.js';

/** What the photos need from Telegram: TelegramSession.invoke (gate, timeout, error mapping). */
export interface PhotoTransport {
  invoke<R extends Api.AnyRequest>(request: R, options?: { dcId?: number }): Promise<R['__response']>;
}

export interface ChatPhotosOptions {
  dir: string;
  transport: PhotoTransport;
  /** The chat's InputPeer (the chats service knows every chat the pane can open). */
  inputPeer(key: string): Api.TypeInputPeer | undefined;
  /** The photo id of a cached message's photo, so a cached file needs no request. */
  cachedPhotoId?(key: string, id: number): string | undefined;
  /** Bytes kept on disk before the least recently shown photos go. */
  capBytes?: number;
}

export const DEFAULT_PHOTO_CAP_BYTES = 64 * 1024 * 1024;
/** upload.getFile's limit: a multiple of 1 KiB that divides 1 MiB. */
const CHUNK = 512 * 1024;
/** The pane's bubble is about this wide; Telegram's 'm' size is boxed to it. */
const BUBBLE_SIDE = 320;

type DownloadableSize = Api.PhotoSize | Api.PhotoSizeProgressive;

/** The smallest size at least a bubble wide, else the largest there is. */
export function bubbleSize(photo: Api.Photo): DownloadableSize | undefined {
  const sizes = photo.sizes
    .filter((size): size is DownloadableSize => size instanceof Api.PhotoSize || size instanceof Api.PhotoSizeProgressive)
    .sort((a, b) => a.w * a.h - b.w * b.h);
  return sizes.find((size) => Math.max(size.w, size.h) >= BUBBLE_SIDE) ?? sizes.at(-1);
}

const dataUrlOf = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;

export class ChatPhotos {
  readonly #inFlight = new Map<string, Promise<string | null>>();
  readonly #cap: number;
  /** Bumped by wipe(): a download that started before a logout must not write its file after it. */
  #generation = 0;

  constructor(private readonly options: ChatPhotosOptions) {
    this.#cap = options.capBytes ?? DEFAULT_PHOTO_CAP_BYTES;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** The photo of message `id` in chat `key` as a data URL; null when that message has no photo. */
  async dataUrl(key: string, id: number): Promise<string | null> {
    const known = this.options.cachedPhotoId?.(key, id);
    if (known !== undefined) {
      const cached = this.#read(known);
      if (cached) return cached;
    }
    const name = `${key}/${id}`;
    const running = this.#inFlight.get(name);
    if (running) return running;
    const download = this.#download(key, id).finally(() => this.#inFlight.delete(name));
    this.#inFlight.set(name, download);
    return download;
  }

  /** Logout: every photo goes with the folder. */
  wipe(): void {
    this.#generation++;
    this.#inFlight.clear();
    rmSync(this.options.dir, { recursive: true, force: true });
  }

  #file(photoId: string): string {
    if (!/^-?\d{1,20}$/.test(photoId)) throw new AppError('INVALID_ARGUMENT', 'Not a photo id.');
    return join(this.options.dir, `${photoId}.jpg`);
  }

  #read(photoId: string): string | null {
    const file = this.#file(photoId);
    if (!existsSync(file)) return null;
    try {
      const bytes = readFileSync(file);
      // The modification time orders eviction: a photo shown again is kept longer.
      const now = new Date();
      utimesSync(file, now, now);
      return dataUrlOf(bytes);
    } catch (error) {
      // Evicted or wiped between the check and the read: download it again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async #download(key: string, id: number): Promise<string | null> {
    const generation = this.#generation;
    const photo = await this.#photoOf(key, id);
    if (!photo) return null;
    const photoId = photo.id.toString();
    const cached = this.#read(photoId);
    if (cached) return cached;
    const size = bubbleSize(photo);
    if (!size) return null;
    const location = new Api.InputPhotoFileLocation({ id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference, thumbSize: size.type });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const part = await this.options.transport.invoke(new Api.upload.GetFile({ location, offset: returnBigInt(total), limit: CHUNK }), { dcId: photo.dcId });
      if (!(part instanceof Api.upload.File)) throw new AppError('INTERNAL', 'Telegram sent the photo through a CDN, which TopSwitch does not use.');
      chunks.push(Buffer.from(part.bytes));
      total += part.bytes.length;
      if (total > MAX_PHOTO_BYTES) throw new AppError('INTERNAL', 'That photo is larger than TopSwitch shows in a chat.');
      if (part.bytes.length < CHUNK) break;
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) return null;
    if (generation === this.#generation) this.#store(photoId, bytes);
    return dataUrlOf(bytes);
  }

  /** The message's photo, fetched again so its file reference is current; undefined when it has none. */
  async #photoOf(key: string, id: number): Promise<Api.Photo | undefined> {
    const peer = this.options.inputPeer(key);
    if (!peer) throw new AppError('PEER_NOT_FOUND', 'That chat is not in your chat list.');
    const ids = [new Api.InputMessageID({ id })];
    const result =
      peer instanceof Api.InputPeerChannel
        ? await this.options.transport.invoke(new Api.channels.GetMessages({ channel: new Api.InputChannel({ channelId: peer.channelId, accessHash: peer.accessHash }), id: ids }))
        : await this.options.transport.invoke(new Api.messages.GetMessages({ id: ids }));
    if (result instanceof Api.messages.MessagesNotModified) return undefined;
    const message = result.messages.find((candidate): candidate is Api.Message => candidate instanceof Api.Message && candidate.id === id);
    const media = message?.media;
    return media instanceof Api.MessageMediaPhoto && media.photo instanceof Api.Photo ? media.photo : undefined;
  }

  #store(photoId: string, bytes: Buffer): void {
    const file = this.#file(photoId);
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    // What one was sent is private: the files are the owner's alone.
    writeFileSync(temp, bytes, { mode: 0o600 });
    renameSync(temp, file);
    this.#evict();
  }

  /** Over the cap: the photos shown longest ago go first. */
  #evict(): void {
    const files = readdirSync(this.options.dir)
      .filter((name) => name.endsWith('.jpg'))
      .map((name) => {
        const path = join(this.options.dir, name);
        const stat = statSync(path);
        return { path, size: stat.size, used: stat.mtimeMs };
      })
      .sort((a, b) => a.used - b.used);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files) {
      if (total <= this.#cap) break;
      rmSync(file.path, { force: true });
      total -= file.size;
    }
  }
}
