/**
 * What Telegram's statuses and notify settings mean for the pane and the switcher: online now,
 * muted now, and a user's presence as the header words it.
 */
import { Api } from 'telegram';
import type { ChatAbout } from './model.js';

/** Online now: Telegram's userStatusOnline until its expiry. */
export function isOnline(status: Api.TypeUserStatus | undefined, nowSeconds: number): boolean {
  return status instanceof Api.UserStatusOnline && status.expires > nowSeconds;
}

export function isMuted(settings: Api.TypePeerNotifySettings | undefined, nowSeconds: number): boolean {
  return settings instanceof Api.PeerNotifySettings && (settings.muteUntil ?? 0) > nowSeconds;
}

/** A user's presence as the header words it: online, last seen at, or Telegram's rough "recently". */
export function userAbout(status: Api.TypeUserStatus | undefined, nowMs: number): ChatAbout {
  if (status instanceof Api.UserStatusOnline) return status.expires * 1000 > nowMs ? { online: true } : { online: false, lastSeenAt: status.expires };
  if (status instanceof Api.UserStatusOffline) return { online: false, lastSeenAt: status.wasOnline };
  if (status instanceof Api.UserStatusRecently) return { online: false, seen: 'recently' };
  if (status instanceof Api.UserStatusLastWeek) return { online: false, seen: 'week' };
  if (status instanceof Api.UserStatusLastMonth) return { online: false, seen: 'month' };
  return { online: false };
}
