/**
 * Every way into (and out of) an account: phone code, 2FA password (SRP), QR login token, bot
 * token, log-out.
 *
 * Test numbers follow Telegram's convention: +99966XYYYY lives on DC X and its login code is X
 * five times (DC 2: 22222). Other numbers get the code 12345.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import type { Account } from './model';
import { SRP_G, SRP_PRIME, createSrpChallenge, srpVerifier, type SrpSalts } from './srp';
import type { WorldState } from './state';
import { expectRequest, renderUser, toLong } from './tl';

/** The code auth.signIn accepts for a phone number. */
export function loginCodeFor(phone: string): string {
  const testNumber = /^99966(\d)\d{4}$/.exec(phone);
  return testNumber ? testNumber[1]!.repeat(5) : '12345';
}

/** Telegram accepts '+', spaces and dashes around the digits. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s+()-]/g, '');
  if (!/^\d{5,15}$/.test(digits)) throw new RpcError(400, 'PHONE_NUMBER_INVALID');
  return digits;
}

const LOGIN_TOKEN_TTL_SECONDS = 30;

function sentCode(phoneCodeHash: string, type: 'app' | 'sms'): Api.auth.SentCode {
  return new Api.auth.SentCode({
    type: type === 'app' ? new Api.auth.SentCodeTypeApp({ length: 5 }) : new Api.auth.SentCodeTypeSms({ length: 5 }),
    phoneCodeHash,
    nextType: new Api.auth.CodeTypeSms(),
    timeout: 60,
  });
}

export function sendCode(state: WorldState, request: unknown): TlResult {
  const call = expectRequest(request, Api.auth.SendCode);
  const phone = normalisePhone(call.phoneNumber);
  // Unknown numbers get a code too, as on Telegram; the refusal comes at auth.signIn.
  const phoneCodeHash = randomBytes(9).toString('hex');
  state.pendingCodes.set(phoneCodeHash, { phone, code: loginCodeFor(phone) });
  return sentCode(phoneCodeHash, 'app');
}

export function resendCode(state: WorldState, request: unknown): TlResult {
  const call = expectRequest(request, Api.auth.ResendCode);
  const pending = state.pendingCodes.get(call.phoneCodeHash);
  if (!pending || pending.phone !== normalisePhone(call.phoneNumber)) throw new RpcError(400, 'PHONE_CODE_EXPIRED');
  return sentCode(call.phoneCodeHash, 'sms');
}

export function signIn(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.SignIn);
  const phone = normalisePhone(call.phoneNumber);
  if (!call.phoneCode) throw new RpcError(400, 'PHONE_CODE_EMPTY');
  const pending = state.pendingCodes.get(call.phoneCodeHash);
  if (!pending || pending.phone !== phone) throw new RpcError(400, 'PHONE_CODE_EXPIRED');
  if (call.phoneCode !== pending.code) throw new RpcError(400, 'PHONE_CODE_INVALID');
  const account = state.accountByPhone(phone);
  if (!account) throw new RpcError(400, 'PHONE_NUMBER_UNOCCUPIED');
  state.pendingCodes.delete(call.phoneCodeHash);
  return completeLogin(state, account, ctx);
}

/** Bind the key, or park it waiting for the cloud password if the account has one. */
function completeLogin(state: WorldState, account: Account, ctx: CallContext): Api.auth.Authorization {
  if (account.password !== undefined) {
    state.pendingPassword.set(ctx.authKeyId, account.userId);
    throw new RpcError(401, 'SESSION_PASSWORD_NEEDED');
  }
  ctx.bindUser(account.userId);
  return authorization(state, account, ctx);
}

function authorization(state: WorldState, account: Account, ctx: CallContext): Api.auth.Authorization {
  const user = state.user(account.userId);
  if (!user) throw new RpcError(500, 'USER_MISSING_IN_WORLD');
  return new Api.auth.Authorization({ user: renderUser(user, { ...state.renderOptions(ctx), selfId: user.id }) });
}

/** Salts are derived from the user id: stable across runs, different per account. */
function saltsFor(account: Account): SrpSalts {
  const seed = createHash('sha256').update(`topswitch-fake-dc-srp:${account.userId}`).digest();
  return { salt1: Buffer.concat([seed.subarray(0, 8), createHash('sha256').update(seed).digest()]), salt2: seed.subarray(16, 32) };
}

function verifierFor(state: WorldState, account: Account, password: string): bigint {
  const key = `${account.userId}:${password}`;
  let verifier = state.srpVerifiers.get(key);
  if (verifier === undefined) {
    verifier = srpVerifier(password, saltsFor(account));
    state.srpVerifiers.set(key, verifier);
  }
  return verifier;
}

/** Which account a key may ask about: the one it is logged in as, or the one that owes a password. */
function passwordAccount(state: WorldState, ctx: CallContext): Account {
  const userId = ctx.userId ?? state.pendingPassword.get(ctx.authKeyId);
  const account = userId === undefined ? undefined : state.accounts.get(userId);
  if (!account) throw new RpcError(401, 'AUTH_KEY_UNREGISTERED');
  return account;
}

export function getPassword(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.account.GetPassword);
  const account = passwordAccount(state, ctx);
  const salts = saltsFor(account);
  const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
    salt1: salts.salt1,
    salt2: salts.salt2,
    g: SRP_G,
    p: SRP_PRIME,
  });
  const common = {
    // new_algo is what a client would use to set a password: salt1 is a prefix it extends.
    newAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
      salt1: salts.salt1.subarray(0, 8),
      salt2: salts.salt2,
      g: SRP_G,
      p: SRP_PRIME,
    }),
    newSecureAlgo: new Api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000({ salt: salts.salt2.subarray(0, 8) }),
    secureRandom: randomBytes(32),
  };
  if (account.password === undefined) return new Api.account.Password(common);
  const challenge = createSrpChallenge(verifierFor(state, account, account.password), salts);
  state.srpChallenges.set(ctx.authKeyId, { userId: account.userId, challenge });
  return new Api.account.Password({
    ...common,
    hasPassword: true,
    currentAlgo: algo,
    srp_B: challenge.B,
    srpId: toLong(challenge.srpId),
    hint: account.passwordHint,
  });
}

export function checkPassword(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.CheckPassword);
  const account = passwordAccount(state, ctx);
  if (!(call.password instanceof Api.InputCheckPasswordSRP)) throw new RpcError(400, 'PASSWORD_HASH_INVALID');
  const pending = state.srpChallenges.get(ctx.authKeyId);
  // Each challenge answers once: a retry has to fetch a fresh B (gramjs does).
  state.srpChallenges.delete(ctx.authKeyId);
  if (!pending || pending.userId !== account.userId || pending.challenge.srpId !== BigInt(call.password.srpId.toString())) {
    throw new RpcError(400, 'SRP_ID_INVALID');
  }
  if (!pending.challenge.check(call.password.A, call.password.M1)) throw new RpcError(400, 'PASSWORD_HASH_INVALID');
  state.pendingPassword.delete(ctx.authKeyId);
  ctx.bindUser(account.userId);
  return authorization(state, account, ctx);
}

export function exportLoginToken(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.auth.ExportLoginToken);
  const now = state.clock();
  for (const [hex, token] of state.loginTokens) {
    if (token.authKeyId !== ctx.authKeyId) continue;
    if (token.acceptedBy !== undefined) {
      state.loginTokens.delete(hex);
      const account = state.accounts.get(token.acceptedBy);
      if (!account) throw new RpcError(500, 'USER_MISSING_IN_WORLD');
      return new Api.auth.LoginTokenSuccess({ authorization: completeLogin(state, account, ctx) });
    }
    // A new token replaces an old one, as the QR on screen is refreshed.
    state.loginTokens.delete(hex);
  }
  const token = randomBytes(32);
  const expires = now + LOGIN_TOKEN_TTL_SECONDS;
  state.loginTokens.set(token.toString('hex'), { token, authKeyId: ctx.authKeyId, expires });
  return new Api.auth.LoginToken({ token, expires });
}

/**
 * The other half of a DC-migrating QR login. This world is one DC and never answers
 * loginTokenMigrateTo, but a client may still import a token it was given: accept it once scanned.
 */
export function importLoginToken(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.ImportLoginToken);
  const entry = state.loginTokens.get(Buffer.from(call.token).toString('hex'));
  if (!entry) throw new RpcError(400, 'AUTH_TOKEN_INVALID');
  if (entry.expires < state.clock()) throw new RpcError(400, 'AUTH_TOKEN_EXPIRED');
  if (entry.acceptedBy === undefined) return new Api.auth.LoginToken({ token: entry.token, expires: entry.expires });
  state.loginTokens.delete(entry.token.toString('hex'));
  const account = state.accounts.get(entry.acceptedBy);
  if (!account) throw new RpcError(500, 'USER_MISSING_IN_WORLD');
  return new Api.auth.LoginTokenSuccess({ authorization: completeLogin(state, account, ctx) });
}

export function importBotAuthorization(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.ImportBotAuthorization);
  const botId = state.botTokens.get(call.botAuthToken);
  const account = botId === undefined ? undefined : state.accounts.get(botId);
  if (!account) throw new RpcError(400, 'ACCESS_TOKEN_INVALID');
  ctx.bindUser(account.userId);
  return authorization(state, account, ctx);
}

export function logOut(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  expectRequest(request, Api.auth.LogOut);
  state.callerAccount(ctx);
  ctx.bindUser(undefined);
  return new Api.auth.LoggedOut({});
}
