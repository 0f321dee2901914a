/**
 * Telegram's top-peer methods in their own documented form, for scripts (`topswitch call`) and
 * the local HTTP API: parameters as the docs name them, answers as plain JSON of Telegram's
 * result tagged by constructor name (`"_": "contacts.topPeers"`), errors by Telegram's name with
 * the docs' description. An allowlist of three methods, not a proxy for the whole API.
 *
 * Calls go through the session's `invoke`, the one path every Telegram call of the app takes
 * (its timeout, its FLOOD_WAIT handling, its dead-session handling).
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { z } from 'zod';
import { CATEGORIES, type Category } from '../shared/ipc-contract.js';
import { AppError } from './errors.js';
import type { SyncStatus } from '../shared/ipc-contract.js';
import type { TelegramSession } from './telegram/session.js';
import { rpcMessage, toAppError } from './telegram/rpc-errors.js';
import { categoryToTl } from './top-peers/categories.js';
import { foldHash, toSigned64 } from './top-peers/hash.js';

export const CALLABLE_METHODS = ['contacts.getTopPeers', 'contacts.resetTopPeerRating', 'contacts.toggleTopPeers'] as const;
export type CallableMethod = (typeof CALLABLE_METHODS)[number];
export const isCallableMethod = (name: string): name is CallableMethod => (CALLABLE_METHODS as readonly string[]).includes(name);

const Int32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
/** TL's `long`: a decimal string (exact) or a safe integer; kept as a decimal string. */
const Long = z.union([z.string().regex(/^-?\d{1,20}$/), z.number().int().refine(Number.isSafeInteger, 'a long beyond 2^53 must be a string')]).transform((value, context) => {
  const big = BigInt(value);
  if (big < -(2n ** 63n) || big >= 2n ** 64n) {
    context.addIssue({ code: 'custom', message: 'out of range for a 64-bit long' });
    return z.NEVER;
  }
  return BigInt.asIntN(64, big).toString();
});

const Flag = z.boolean().optional();
export const GetTopPeersParams = z.strictObject({
  correspondents: Flag,
  bots_pm: Flag,
  bots_inline: Flag,
  phone_calls: Flag,
  forward_users: Flag,
  forward_chats: Flag,
  groups: Flag,
  channels: Flag,
  bots_app: Flag,
  offset: Int32.default(0),
  limit: Int32.default(100),
  hash: Long.default('0'),
});

/** A category as the docs write it (`topPeerCategoryGroups`, or `{"_": …}`) or by its flag name (`groups`). */
const TL_CATEGORY_NAMES: Record<string, Category> = Object.fromEntries(
  CATEGORIES.map((category) => [categoryToTl(category).className.replace(/^./, (first) => first.toLowerCase()), category]),
);
const CategoryParam = z
  .union([z.string(), z.strictObject({ _: z.string() })])
  .transform((value, context) => {
    const name = typeof value === 'string' ? value : value._;
    const category = (CATEGORIES as readonly string[]).includes(name) ? (name as Category) : TL_CATEGORY_NAMES[name];
    if (!category) {
      context.addIssue({ code: 'custom', message: `not a top-peer category: ${name.slice(0, 64)}` });
      return z.NEVER;
    }
    return category;
  });
const Id = Long;
const InputPeerParam = z.discriminatedUnion('_', [
  z.strictObject({ _: z.literal('inputPeerUser'), user_id: Id, access_hash: Long }),
  z.strictObject({ _: z.literal('inputPeerChat'), chat_id: Id }),
  z.strictObject({ _: z.literal('inputPeerChannel'), channel_id: Id, access_hash: Long }),
]);
export const ResetTopPeerRatingParams = z.strictObject({ category: CategoryParam, peer: InputPeerParam });
export const ToggleTopPeersParams = z.strictObject({ enabled: z.boolean() });

/** Telegram's error, by its name, with the description the method's documentation gives. */
export interface MethodError {
  _: 'rpc_error';
  error_code: number;
  error_message: string;
  description: string;
}

const DESCRIPTIONS: Record<string, string> = {
  TYPES_EMPTY: 'No top peer type was provided.',
  PEER_ID_INVALID: 'The provided peer id is invalid.',
  BOT_METHOD_INVALID: "This method can't be used by a bot",
  FLOOD_WAIT: 'Please wait the given number of seconds before repeating the action.',
  AUTH_KEY_UNREGISTERED: 'The authorization key has to be registered in the system.',
};

export class MethodCallError extends Error {
  constructor(readonly body: MethodError, readonly appError?: AppError) {
    super(`${body.error_message}: ${body.description}`);
    this.name = 'MethodCallError';
  }
}

/** Parameters that do not fit the method: Telegram's own 400 shape, so scripts handle one kind of error. */
function invalidParams(method: string, issues: z.ZodError): MethodCallError {
  const first = issues.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'parameters';
  return new MethodCallError({ _: 'rpc_error', error_code: 400, error_message: 'INPUT_INVALID', description: `Invalid ${where} for ${method}: ${first?.message ?? 'rejected'}` });
}

function asMethodError(error: unknown, now: number): MethodCallError {
  const appError = toAppError(error, now);
  const cause = (appError as { cause?: unknown }).cause;
  const reported = rpcMessage(cause) ?? rpcMessage(error);
  // gramjs reports FLOOD_WAIT_X as 'FLOOD' with the wait in .seconds: give it back its wire name.
  const seconds = (cause as { seconds?: unknown } | undefined)?.seconds;
  const name = reported === 'FLOOD' && typeof seconds === 'number' ? `FLOOD_WAIT_${seconds}` : reported;
  if (name !== undefined) {
    const code = typeof (cause as { code?: unknown })?.code === 'number' ? (cause as { code: number }).code : 400;
    const base = name.replace(/_\d+$/, '');
    return new MethodCallError({ _: 'rpc_error', error_code: code, error_message: name, description: DESCRIPTIONS[name] ?? DESCRIPTIONS[base] ?? appError.message }, appError);
  }
  // Not Telegram's refusal (no answer, no connection, not logged in): the app's own words.
  return new MethodCallError({ _: 'rpc_error', error_code: 500, error_message: appError.code, description: appError.message }, appError);
}

/** Runs one allowlisted method with JSON parameters and answers Telegram's result as JSON. */
export async function callMethod(session: TelegramSession | undefined, method: string, params: unknown, now = Date.now()): Promise<Record<string, unknown>> {
  if (!isCallableMethod(method)) {
    throw new MethodCallError({ _: 'rpc_error', error_code: 400, error_message: 'METHOD_NOT_ALLOWED', description: `Only ${CALLABLE_METHODS.join(', ')} can be called.` });
  }
  if (!session?.isReady) throw asMethodError(new AppError('NOT_LOGGED_IN', 'Not logged in: run `topswitch login` or `topswitch qr` first.'), now);
  try {
    switch (method) {
      case 'contacts.getTopPeers': {
        const parsed = GetTopPeersParams.safeParse(params ?? {});
        if (!parsed.success) throw invalidParams(method, parsed.error);
        const { offset, limit, hash, ...flags } = parsed.data;
        const request = new Api.contacts.GetTopPeers({
          correspondents: flags.correspondents,
          botsPm: flags.bots_pm,
          botsInline: flags.bots_inline,
          phoneCalls: flags.phone_calls,
          forwardUsers: flags.forward_users,
          forwardChats: flags.forward_chats,
          groups: flags.groups,
          channels: flags.channels,
          botsApp: flags.bots_app,
          offset,
          limit,
          hash: returnBigInt(hash),
        });
        await session.ensureConnected();
        const result = await session.invoke(request);
        return { ...toTlJson(result), hash: answeredHash(result, hash) };
      }
      case 'contacts.resetTopPeerRating': {
        const parsed = ResetTopPeerRatingParams.safeParse(params ?? {});
        if (!parsed.success) throw invalidParams(method, parsed.error);
        await session.ensureConnected();
        const done = await session.invoke(new Api.contacts.ResetTopPeerRating({ category: categoryToTl(parsed.data.category), peer: toInputPeer(parsed.data.peer) }));
        return { _: done ? 'boolTrue' : 'boolFalse' };
      }
      case 'contacts.toggleTopPeers': {
        const parsed = ToggleTopPeersParams.safeParse(params ?? {});
        if (!parsed.success) throw invalidParams(method, parsed.error);
        await session.ensureConnected();
        const done = await session.invoke(new Api.contacts.ToggleTopPeers({ enabled: parsed.data.enabled }));
        return { _: done ? 'boolTrue' : 'boolFalse' };
      }
    }
  } catch (error) {
    if (error instanceof MethodCallError) throw error;
    throw asMethodError(error, now);
  }
}

/**
 * `callMethod` behind the app's own wait: while the app has been told to wait (FLOOD_WAIT), a
 * script's call is answered with the remaining wait, not sent. The core API's `callMethod`.
 */
export async function callMethodGated(sync: SyncStatus, session: TelegramSession | undefined, method: string, params: unknown, now = Date.now()): Promise<Record<string, unknown>> {
  if (isCallableMethod(method) && sync.state === 'rate-limited' && sync.retryAt !== undefined && sync.retryAt > now) {
    const seconds = Math.ceil((sync.retryAt - now) / 1000);
    throw new MethodCallError({ _: 'rpc_error', error_code: 420, error_message: `FLOOD_WAIT_${seconds}`, description: DESCRIPTIONS.FLOOD_WAIT! });
  }
  return callMethod(session, method, params, now);
}

function toInputPeer(peer: z.infer<typeof InputPeerParam>): Api.TypeInputPeer {
  switch (peer._) {
    case 'inputPeerUser':
      return new Api.InputPeerUser({ userId: returnBigInt(peer.user_id), accessHash: returnBigInt(peer.access_hash) });
    case 'inputPeerChat':
      return new Api.InputPeerChat({ chatId: returnBigInt(peer.chat_id) });
    case 'inputPeerChannel':
      return new Api.InputPeerChannel({ channelId: returnBigInt(peer.channel_id), accessHash: returnBigInt(peer.access_hash) });
  }
}

/**
 * The hash to send next time: the fold of the answered ids (DESIGN.md §4) for a list; the hash
 * that was sent for "not modified" (the list it stands for is unchanged); 0 when disabled.
 */
function answeredHash(result: Api.contacts.TypeTopPeers, sent: string): string {
  if (result instanceof Api.contacts.TopPeersNotModified) return sent;
  if (!(result instanceof Api.contacts.TopPeers)) return '0';
  const ids = result.categories.flatMap((category) => category.peers.map((top) => BigInt(bareId(top.peer))));
  return toSigned64(foldHash(ids)).toString();
}

function bareId(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerUser) return peer.userId.toString();
  if (peer instanceof Api.PeerChat) return peer.chatId.toString();
  return (peer as Api.PeerChannel).channelId.toString();
}

const META_KEYS = new Set(['CONSTRUCTOR_ID', 'SUBCLASS_OF_ID', 'className', 'classType', 'originalArgs', 'flags', 'flags2']);

/**
 * A gramjs TL object as the docs write it: `_` = the constructor's name (`contacts.topPeers`,
 * `peerUser`), fields in snake_case, longs as decimal strings, bytes as base64, unset flags left out.
 */
export function toTlJson(value: unknown): Record<string, unknown> {
  return convert(value) as Record<string, unknown>;
}

function convert(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value !== 'object') return value;
  // big-integer (gramjs's long) objects print as decimal.
  if (typeof (value as { isNegative?: unknown }).isNegative === 'function' && typeof (value as { toString: unknown }).toString === 'function') return String(value);
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (typeof object.className === 'string') out._ = tlName(object.className);
  for (const [key, field] of Object.entries(object)) {
    // gramjs leaves an absent optional field undefined or null; TL has no null, so both are left out.
    if (META_KEYS.has(key) || field === undefined || field === null || typeof field === 'function') continue;
    out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = convert(field);
  }
  return out;
}

/** gramjs's `contacts.TopPeers` → the docs' `contacts.topPeers`. */
function tlName(className: string): string {
  const dot = className.lastIndexOf('.');
  return `${className.slice(0, dot + 1)}${className.charAt(dot + 1).toLowerCase()}${className.slice(dot + 2)}`;
}
