/**
 * Calling world handlers the way the protocol layer does, without a socket: the request goes
 * through its TL bytes (so handlers see exactly what a parsed wire request looks like) and the
 * answer is parsed back with the request's own readResult, as gramjs's client does.
 */
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions/BinaryReader.js';
import { returnBigInt } from 'telegram/Helpers.js';
import type { CallContext } from '../../../electron/local-dc/types';
import type { World } from '../../../electron/local-dc/world';

export interface FakeContext extends CallContext {
  userId: bigint | undefined;
  readonly pushed: { to: string; update: { getBytes(): Buffer } }[];
}

export function fakeContext(authKeyId = 'key-1', userId?: bigint): FakeContext {
  const ctx: FakeContext = {
    authKeyId,
    userId,
    pushed: [],
    bindUser(id) {
      ctx.userId = id;
    },
    push(update) {
      ctx.pushed.push({ to: `key:${authKeyId}`, update });
    },
    pushToUser(id, update) {
      ctx.pushed.push({ to: `user:${id}`, update });
    },
    pushToAuthKey(key, update) {
      ctx.pushed.push({ to: `key:${key}`, update });
    },
    dc: { id: 2, host: '127.0.0.1', port: 40_002 },
  };
  return ctx;
}

/** Invoke `request` on the world; resolves with the answer as a gramjs client would parse it. */
export async function call<R extends Api.AnyRequest>(world: World, request: R, ctx: CallContext): Promise<Awaited<R['__response']>> {
  const wire = new BinaryReader(request.getBytes()).tgReadObject() as Api.AnyRequest;
  const handler = world.methods.get(request.className);
  if (!handler) throw new Error(`no handler for ${request.className}`);
  const result = await handler(wire, ctx);
  const bytes = Buffer.isBuffer(result) ? result : result.getBytes();
  return (request as unknown as { readResult(reader: BinaryReader): Awaited<R['__response']> }).readResult(new BinaryReader(bytes));
}

export const long = (value: bigint | number) => returnBigInt(value.toString());
export const big = (value: { toString(): string }) => BigInt(value.toString());
