/**
 * The interactive logins of the CLI: `login` (phone, code, 2FA password read from stdin) and `qr`
 * (a QR code drawn in the terminal). Prompts go to stderr so stdout stays for results.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import qrcode from 'qrcode-terminal';
import type { ErrorCode, SessionState } from '../shared/ipc-contract.js';
import { AppError } from '../core/errors.js';
import { toAppError } from '../core/telegram/rpc-errors.js';
import { err, out, type CliCore } from './core.js';
import { EXIT } from './exit.js';

/** Lines from stdin, one per question; works the same typed or piped. Passwords are not echoed on a TTY. */
class Prompter {
  #lines: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #closed = false;
  #muted = false;
  readonly #rl;

  constructor() {
    const output = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.#muted) process.stderr.write(chunk);
        done();
      },
    });
    this.#rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
    this.#rl.on('line', (line) => {
      if (this.#waiting) {
        const resolve = this.#waiting;
        this.#waiting = undefined;
        resolve(line);
      } else this.#lines.push(line);
    });
    this.#rl.on('close', () => {
      this.#closed = true;
      this.#waiting?.(undefined);
      this.#waiting = undefined;
    });
  }

  /** The next line, or undefined at end of input. */
  async ask(question: string, secret = false): Promise<string | undefined> {
    process.stderr.write(question);
    const queued = this.#lines.shift();
    if (queued !== undefined) return queued;
    if (this.#closed) return undefined;
    this.#muted = secret && process.stdin.isTTY === true;
    const line = await new Promise<string | undefined>((resolve) => (this.#waiting = resolve));
    if (this.#muted) process.stderr.write('\n');
    this.#muted = false;
    return line;
  }

  close(): void {
    this.#rl.close();
  }
}

export function describeState(state: SessionState): string {
  switch (state.status) {
    case 'ready':
      return `Logged in as ${state.user.title}${state.user.username ? ` (@${state.user.username})` : ''}`;
    case 'logged-out':
      return 'Not logged in';
    case 'needs-credentials':
      return 'No api credentials: set TG_API_ID and TG_API_HASH (from my.telegram.org)';
    case 'connecting':
      return 'Connecting';
  }
}

const RETYPEABLE: readonly ErrorCode[] = ['INVALID_ARGUMENT', 'PHONE_NUMBER_INVALID', 'PHONE_CODE_INVALID', 'PASSWORD_INVALID', 'PHONE_CODE_EXPIRED'];

export async function login(core: CliCore): Promise<number> {
  const prompter = new Prompter();
  try {
    for (;;) {
      const state = await core.invoke('session:get', {});
      if (state.status === 'ready') {
        out(describeState(state));
        return EXIT.ok;
      }
      if (state.status !== 'logged-out') throw new AppError('NEEDS_CREDENTIALS', describeState(state));
      const step = state.login;
      let answer: string | undefined;
      try {
        switch (step.step) {
          case 'phone':
            answer = await prompter.ask('Phone number (international format): ');
            if (answer === undefined) break;
            await core.invoke('login:submitPhone', { phone: answer });
            continue;
          case 'code': {
            const length = step.codeLength ? ` (${step.codeLength} digits)` : '';
            answer = await prompter.ask(`Code sent via ${step.delivery}${length}; empty line to resend: `);
            if (answer === undefined) break;
            if (answer.trim() === '') await core.invoke('login:resendCode', {});
            else await core.invoke('login:submitCode', { code: answer });
            continue;
          }
          case 'password':
            answer = await prompter.ask(`Two-step verification password${step.hint ? ` (hint: ${step.hint})` : ''}: `, true);
            if (answer === undefined) break;
            await core.invoke('login:submitPassword', { password: answer });
            continue;
          case 'qr':
            await core.invoke('login:restart', {});
            continue;
        }
      } catch (error) {
        const appError = toAppError(error, Date.now());
        // Mistakes the user can fix (an answer the contract refuses, too) are asked again; the rest end the command.
        if (RETYPEABLE.includes(appError.code)) {
          err(appError.message);
          if (appError.code === 'PHONE_CODE_EXPIRED') await core.invoke('login:restart', {});
          continue;
        }
        throw appError;
      }
      err('Login cancelled: no more input.');
      return EXIT.usage;
    }
  } finally {
    prompter.close();
  }
}

export async function qr(core: CliCore): Promise<number> {
  const initial = await core.invoke('session:get', {});
  if (initial.status === 'ready') {
    out(describeState(initial));
    return EXIT.ok;
  }
  const prompter = new Prompter();
  let lastUrl = '';
  const show = (state: SessionState) => {
    if (state.status !== 'logged-out' || state.login.step !== 'qr' || state.login.url === lastUrl) return;
    lastUrl = state.login.url;
    out('Scan this with Telegram on your phone: Settings → Devices → Link Desktop Device');
    qrcode.generate(lastUrl, { small: true }, (code: string) => out(code));
    out(lastUrl);
  };
  try {
    const done = new Promise<void>((resolve) => {
      core.events.subscribe((event) => {
        if (event !== 'session:changed') return;
        void core.invoke('session:get', {}).then((state) => {
          show(state);
          if (state.status === 'ready' || (state.status === 'logged-out' && state.login.step === 'password')) resolve();
        });
      });
    });
    show(await core.invoke('login:startQr', {}));
    await done;
    for (let state = await core.invoke('session:get', {}); state.status !== 'ready'; state = await core.invoke('session:get', {})) {
      const hint = state.status === 'logged-out' && state.login.step === 'password' ? state.login.hint : undefined;
      const password = await prompter.ask(`Two-step verification password${hint ? ` (hint: ${hint})` : ''}: `, true);
      if (password === undefined) {
        err('Login cancelled: no more input.');
        return EXIT.usage;
      }
      try {
        await core.invoke('login:submitPassword', { password });
      } catch (error) {
        const appError = toAppError(error, Date.now());
        if (appError.code !== 'PASSWORD_INVALID' && appError.code !== 'INVALID_ARGUMENT') throw appError;
        err(appError.message);
      }
    }
    out(describeState(await core.invoke('session:get', {})));
    return EXIT.ok;
  } finally {
    prompter.close();
  }
}
