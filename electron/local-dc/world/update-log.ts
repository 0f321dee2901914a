/**
 * Telegram's update sequences as the world keeps them: one common box per account (private
 * chats, basic groups, read marks; `account.pts`) and one box per channel the account is in,
 * each numbered by pts. Everything pushed live is also logged here, so a client that was away
 * catches up with updates.getDifference / updates.getChannelDifference from the pts it saved.
 */
import type { Api } from 'telegram';
import type { Account, PeerRef } from './model';

export interface LoggedUpdate {
  /** The box's pts after this update. */
  readonly pts: number;
  readonly ptsCount: number;
  readonly date: number;
  readonly update: Api.TypeUpdate;
  /** Users and chats the update mentions (rendered fresh when replayed). */
  readonly peers: readonly PeerRef[];
}

/** How many updates a box remembers; a client further behind gets *TooLong and refetches. */
export const UPDATE_LOG_LIMIT = 1000;

interface Box {
  pts: number;
  readonly entries: LoggedUpdate[];
}

export class UpdateLog {
  private readonly common = new Map<bigint, LoggedUpdate[]>();
  private readonly channels = new Map<string, Box>();

  /** Advance the account's common pts by `ptsCount` and log the update built for the new pts. */
  logCommon(account: Account, ptsCount: number, date: number, build: (pts: number) => Api.TypeUpdate, peers: readonly PeerRef[]): LoggedUpdate {
    account.pts += ptsCount;
    const entry = lazyEntry(account.pts, ptsCount, date, build, peers);
    push(this.commonEntries(account.userId), entry);
    return entry;
  }

  logChannel(account: Account, channelId: bigint, ptsCount: number, date: number, build: (pts: number) => Api.TypeUpdate, peers: readonly PeerRef[]): LoggedUpdate {
    const box = this.channelBox(account.userId, channelId);
    box.pts += ptsCount;
    const entry = lazyEntry(box.pts, ptsCount, date, build, peers);
    push(box.entries, entry);
    return entry;
  }

  channelPts(accountId: bigint, channelId: bigint): number {
    return this.channelBox(accountId, channelId).pts;
  }

  /** Updates after `pts`, or 'tooLong' when the oldest needed one was already forgotten. */
  commonSince(accountId: bigint, pts: number): LoggedUpdate[] | 'tooLong' {
    return since(this.commonEntries(accountId), pts);
  }

  channelSince(accountId: bigint, channelId: bigint, pts: number): LoggedUpdate[] | 'tooLong' {
    return since(this.channelBox(accountId, channelId).entries, pts);
  }

  /** Channels of the account with updates newer than `date`, and their current pts. */
  channelsChangedSince(accountId: bigint, date: number): { channelId: bigint; pts: number }[] {
    const changed: { channelId: bigint; pts: number }[] = [];
    const prefix = `${accountId}:`;
    for (const [key, box] of this.channels) {
      if (!key.startsWith(prefix)) continue;
      // Same-second entries count: a false alarm costs one empty getChannelDifference, a miss loses messages.
      if (box.entries.some((entry) => entry.date >= date)) changed.push({ channelId: BigInt(key.slice(prefix.length)), pts: box.pts });
    }
    return changed;
  }

  private commonEntries(accountId: bigint): LoggedUpdate[] {
    let entries = this.common.get(accountId);
    if (!entries) this.common.set(accountId, (entries = []));
    return entries;
  }

  private channelBox(accountId: bigint, channelId: bigint): Box {
    const key = `${accountId}:${channelId}`;
    let box = this.channels.get(key);
    if (!box) this.channels.set(key, (box = { pts: 1, entries: [] }));
    return box;
  }
}

/**
 * The update is rendered when first needed (pushed, or replayed): building the demo world logs
 * hundreds of messages, and rendering a photo message means encoding its JPEGs to know their size.
 */
function lazyEntry(pts: number, ptsCount: number, date: number, build: (pts: number) => Api.TypeUpdate, peers: readonly PeerRef[]): LoggedUpdate {
  let update: Api.TypeUpdate | undefined;
  return {
    pts,
    ptsCount,
    date,
    peers,
    get update() {
      return (update ??= build(pts));
    },
  };
}

function push(entries: LoggedUpdate[], entry: LoggedUpdate): void {
  entries.push(entry);
  if (entries.length > UPDATE_LOG_LIMIT) entries.splice(0, entries.length - UPDATE_LOG_LIMIT);
}

function since(entries: readonly LoggedUpdate[], pts: number): LoggedUpdate[] | 'tooLong' {
  const first = entries[0];
  if (first && first.pts - first.ptsCount > pts) return 'tooLong';
  return entries.filter((entry) => entry.pts > pts);
}
