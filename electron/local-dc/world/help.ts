/**
 * The calls every client makes around connecting: help.getConfig (gramjs blocks all traffic
 * until it answers), help.getNearestDc, help.getAppConfig, and updates.getState/getDifference
 * (gramjs's "am I logged in?" probe).
 */
import { Api } from 'telegram';
import type { CallContext, TlResult } from '../types';
import type { WorldState } from './state';
import { DC_IDS } from './dc-auth';
import { expectRequest } from './tl';

/** Telegram's production value (28 days): the time constant of the top-peer rating bump. */
export const RATING_E_DECAY = 2_419_200;

export function getConfig(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.help.GetConfig);
  const now = state.clock();
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: false,
    thisDc: ctx.dc.id,
    // As Telegram lists all its DCs; this one process answers for each of them (see dc-auth.ts).
    dcOptions: DC_IDS.map((id) => new Api.DcOption({ id, ipAddress: ctx.dc.host, port: ctx.dc.port })),
    dcTxtDomainName: 'fake-dc.invalid',
    chatSizeMax: 200,
    megagroupSizeMax: 200_000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210_000,
    offlineBlurTimeoutMs: 5_000,
    offlineIdleTimeoutMs: 30_000,
    onlineCloudTimeoutMs: 300_000,
    notifyCloudDelayMs: 30_000,
    notifyDefaultDelayMs: 1_500,
    pushChatPeriodMs: 60_000,
    pushChatLimit: 2,
    editTimeLimit: 172_800,
    revokeTimeLimit: 2_147_483_647,
    revokePmTimeLimit: 2_147_483_647,
    ratingEDecay: RATING_E_DECAY,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604_800,
    callReceiveTimeoutMs: 20_000,
    callRingTimeoutMs: 90_000,
    callConnectTimeoutMs: 30_000,
    callPacketTimeoutMs: 10_000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: ctx.dc.id,
  });
}

export function getNearestDc(_state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.help.GetNearestDc);
  return new Api.NearestDc({ country: 'NL', thisDc: ctx.dc.id, nearestDc: ctx.dc.id });
}

export function getState(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.updates.GetState);
  const account = state.callerAccount(ctx);
  return updatesState(state, account.pts, unreadTotal(state, ctx));
}

export function updatesState(state: WorldState, pts: number, unreadCount: number): Api.updates.State {
  return new Api.updates.State({ pts, qts: 0, date: state.clock(), seq: 0, unreadCount });
}

function unreadTotal(state: WorldState, ctx: CallContext): number {
  const account = state.callerAccount(ctx);
  let total = 0;
  for (const dialog of account.dialogs.values()) {
    total += dialog.messages.filter((message) => !message.out && message.id > dialog.readInboxMaxId).length;
  }
  return total;
}

/** Client tuning knobs Telegram serves as JSON; the fake has none, but answers so clients need no special case. */
export function getAppConfig(_state: WorldState, request: unknown): TlResult {
  expectRequest(request, Api.help.GetAppConfig);
  return new Api.help.AppConfig({ hash: 1, config: new Api.JsonObject({ value: [] }) });
}
