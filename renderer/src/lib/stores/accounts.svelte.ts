/**
 * The signed-in accounts (`accounts:list`, the `accounts:changed` push): Settings lists them, the
 * switcher marks each row with its account (colour and initial) while more than one is signed in,
 * and Alt+A narrows the list to one account at a time. The filter lives in this page only.
 */
import type { AccountsState, AccountSummary } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { Newest } from './revision';
import { t } from '../i18n.svelte';

const NONE: AccountsState = { accounts: [], adding: null, max: 5 };

class AccountsStore {
  state = $state.raw<AccountsState>(NONE);
  /** Show only this account's rows; null: every account's. */
  filter = $state<number | null>(null);
  readonly #newest = new Newest();

  /** The accounts whose rows the switcher shows (one being added is not among them yet). */
  readonly signedIn = $derived(this.state.accounts.filter((account) => account.status === 'ready' && account.id !== this.state.adding));
  /** More than one: rows carry their account's mark, and the filter key means something. */
  readonly several = $derived(this.signedIn.length > 1);

  listen(): () => void {
    return on('accounts:changed', (value, revision) => this.#apply({ value, revision }));
  }

  async load(): Promise<void> {
    this.#apply(await read('accounts:list'));
  }

  byId(id: number | undefined): AccountSummary | undefined {
    return id === undefined ? undefined : this.state.accounts.find((account) => account.id === id);
  }

  /** All accounts → the first → the second → … → all accounts again. */
  cycleFilter(): void {
    if (!this.several) {
      this.filter = null;
      return;
    }
    const ids = this.signedIn.map((account) => account.id);
    const at = this.filter === null ? -1 : ids.indexOf(this.filter);
    this.filter = at + 1 < ids.length ? ids[at + 1]! : null;
  }

  /** Whether a row of `account` (absent: the only account) passes the filter. */
  shows(account: number | undefined): boolean {
    return this.filter === null || !this.several || (account ?? 1) === this.filter;
  }

  #apply(snapshot: Revised<AccountsState>): void {
    if (!this.#newest.take(snapshot.revision)) return;
    this.state = snapshot.value;
    // An account that left takes its filter with it.
    if (this.filter !== null && !this.signedIn.some((account) => account.id === this.filter)) this.filter = null;
  }
}

export const accounts = new AccountsStore();

/** The account's mark: the first letter of its name (a digit before it is known). */
export function accountInitial(account: AccountSummary | undefined, id: number): string {
  const initial = account?.title?.trim().charAt(0);
  return initial ? initial.toLocaleUpperCase() : String(id);
}

/** The account's name for a label: its title, else its phone, else its number. */
export function accountLabel(account: AccountSummary | undefined, id: number): string {
  return account?.title ?? account?.phone ?? t('accounts.numbered', { id });
}
