/**
 * `topswitch call <method> ['<JSON parameters>']`: Telegram's top-peer methods in their documented
 * form, for scripts. The parameters come as one JSON argument or, without it, as JSON on stdin;
 * the answer is Telegram's result as JSON on stdout (see core/method-call.ts), an error is
 * Telegram's error object on stdout with its description on stderr.
 *
 * Exit codes as for every command: 2 for parameters Telegram refuses as given (TYPES_EMPTY, a
 * bad field) or a method outside the allowlist, 3 not logged in, 4 FLOOD_WAIT, 5 network.
 */
import { text } from 'node:stream/consumers';
import { CALLABLE_METHODS, isCallableMethod, MethodCallError } from '../core/method-call.js';
import type { ErrorCode } from '../shared/ipc-contract.js';
import type { CliCore } from './core.js';

export const CALL_USAGE = `  call <method> ['<JSON>']               call ${CALLABLE_METHODS.join(', ')} with Telegram's own
                                         parameters (JSON argument or stdin); prints Telegram's answer as JSON`;

/** Refusals of the request as written: the caller's to fix, like any usage error. */
const USAGE_ERRORS = new Set(['TYPES_EMPTY', 'INPUT_INVALID', 'METHOD_NOT_ALLOWED', 'PEER_ID_INVALID']);

export interface CallDeps {
  withCore<T>(run: (core: CliCore) => Promise<T>): Promise<T>;
  exitCodeFor(code: ErrorCode): number;
  exit: { ok: number; failure: number; usage: number; rateLimited: number };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export async function runCall(args: string[], deps: CallDeps): Promise<number> {
  const [method, json, ...extra] = args;
  const fail = (body: object, description: string, code: number) => {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    process.stderr.write(`${description}\n`);
    return code;
  };
  if (method === undefined || extra.length > 0) {
    process.stderr.write(`Usage:\n${CALL_USAGE}\n`);
    return deps.exit.usage;
  }
  if (!isCallableMethod(method)) {
    return fail({ _: 'rpc_error', error_code: 400, error_message: 'METHOD_NOT_ALLOWED', description: `Only ${CALLABLE_METHODS.join(', ')} can be called.` }, `Not callable: ${method}. Choose from ${CALLABLE_METHODS.join(', ')}.`, deps.exit.usage);
  }
  const stdin = deps.stdin ?? process.stdin;
  const source = json ?? (stdin.isTTY ? '{}' : await text(stdin));
  let params: unknown;
  try {
    params = source.trim() === '' ? {} : JSON.parse(source);
  } catch {
    return fail({ _: 'rpc_error', error_code: 400, error_message: 'INPUT_INVALID', description: 'The parameters are not JSON.' }, 'The parameters are not JSON, e.g. \'{"correspondents": true, "limit": 10}\'.', deps.exit.usage);
  }
  try {
    const result = await deps.withCore((core) => core.api.callMethod(method, params));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return deps.exit.ok;
  } catch (error) {
    if (!(error instanceof MethodCallError)) throw error;
    const { body } = error;
    const code = USAGE_ERRORS.has(body.error_message)
      ? deps.exit.usage
      : body.error_message.startsWith('FLOOD_WAIT_')
        ? deps.exit.rateLimited
        : error.appError
          ? deps.exitCodeFor(error.appError.code)
          : deps.exit.failure;
    return fail(body, `${body.error_message}: ${body.description}`, code);
  }
}
