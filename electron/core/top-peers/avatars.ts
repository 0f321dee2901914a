/**
 * Small profile photos, downloaded once per photo id with upload.getFile and kept on disk, so
 * the list never waits for them: the renderer asks per row (`peers:avatar`) and gets a data URL.
 * A new photo has a new id, so a cached file never needs invalidating.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import type { TelegramSession } from '../telegram/session.js';
import { toInputPeer } from './service.js';
import type { PeerRef } from './normalise.js';

const CHUNK = 512 * 1024; // upload.getFile's limit must divide 1 MiB; small photos fit in one chunk

export class AvatarCache {
  readonly #inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly dir: string,
    private readonly telegram: Pick<TelegramSession, 'invoke'>,
  ) {}

  /** The photo as a data URL, or null when it cannot be had (no photo, offline: the row shows initials). */
  async dataUrl(key: string, photoId: string | undefined, ref: PeerRef): Promise<string | null> {
    if (!photoId || !/^-?\d{1,20}$/.test(photoId)) return null;
    const file = join(this.dir, `${photoId}.jpg`);
    if (existsSync(file)) return toDataUrl(readFileSync(file));
    const running = this.#inFlight.get(photoId);
    if (running) return running;
    const download = this.#download(key, photoId, ref, file).finally(() => this.#inFlight.delete(photoId));
    this.#inFlight.set(photoId, download);
    return download;
  }

  async #download(key: string, photoId: string, ref: PeerRef, file: string): Promise<string | null> {
    try {
      const location = new Api.InputPeerPhotoFileLocation({ peer: toInputPeer(key, ref), photoId: returnBigInt(photoId), big: false });
      const result = await this.telegram.invoke(
        new Api.upload.GetFile({ location, offset: returnBigInt(0), limit: CHUNK }),
        ref.photoDcId === undefined ? {} : { dcId: ref.photoDcId },
      );
      if (!(result instanceof Api.upload.File) || result.bytes.length === 0) return null;
      const bytes = Buffer.from(result.bytes);
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      // Who one talks to is private too: the photos are the account's top peers.
      writeFileSync(temp, bytes, { mode: 0o600 });
      renameSync(temp, file);
      return toDataUrl(bytes);
    } catch {
      return null;
    }
  }
}

const toDataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;
