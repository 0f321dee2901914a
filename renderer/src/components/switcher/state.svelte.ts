/**
 * What the switcher shows, apart from how: the query, the tab, the selection, the ranked results
 * and the tabs' counts, all derived from the top-peers store. Components read it and call its
 * methods; scrolling is the list's (viewport.svelte.ts).
 *
 * A new grouping of results (a section, another source of peers) belongs here: `results` is what
 * the list renders, in order, and `tabs`/`counts` what the tab strip offers.
 */
import { untrack } from 'svelte';
import type { Category, Chat, Peer, PeerKey } from '../../../../electron/shared/ipc-contract';
import { t } from '../../lib/i18n.svelte';
import { TABS, inTab, ratingIn, tabsWithPeers, type Tab, type TabId } from '../../lib/categories';
import { byStanding, createPeerSearch, type PeerMatch, type PeerSearch } from '../../lib/peerSearch';
import { createSectionedSearch, globalItems, type SectionId, type SectionItem } from '../../lib/sections';
import { keyboardLayouts } from '../../lib/keyboardLayouts.svelte';
import { createStanding } from '../../lib/standing';
import { chats } from '../../lib/stores/chats.svelte';
import { topPeers } from '../../lib/stores/topPeers.svelte';
import { accounts } from '../../lib/stores/accounts.svelte';
import { yours } from '../../lib/stores/yours.svelte';
import type { GlobalSearch } from './globalSearch.svelte';
import { ANNOUNCE_AFTER_MS, COUNTS_IDLE_TIMEOUT_MS, RESULT_LIMIT } from './geometry';

const ALL_TAB = TABS[0]!;

/** A row of the list: a match, and on the All tab the section it is listed in. */
export type Row = PeerMatch & { section?: SectionId };

/** A chat shown in a row made for peers: no top-peer categories, its unread count. */
const chatRows = new WeakMap<Chat, Peer>();
function chatAsPeer(chat: Chat): Peer {
  let peer = chatRows.get(chat);
  if (!peer) {
    const { unreadCount, muted: _muted, pinned: _pinned, archived: _archived, lastMessageAt: _last, ...rest } = chat;
    peer = { ...rest, premium: false, categories: {}, ...(unreadCount > 0 ? { unreadCount } : {}) };
    chatRows.set(chat, peer);
  }
  return peer;
}

const rowOf = (item: SectionItem): Row => ({
  peer: 'categories' in item.source ? item.source : chatAsPeer(item.source),
  highlights: item.highlights,
  section: item.section,
});

export class SwitcherState {
  /**
   * Search indexes, per tab, built on demand: an empty query lists by standing without one, and
   * the All index is built in idle time right after the list is on screen, so neither the first
   * paint nor the first keystroke waits for it. The previous index is handed on so names that
   * did not change are not folded again.
   */
  readonly #indexes = new Map<TabId, { peers: readonly Peer[]; search: PeerSearch }>();

  query = $state('');
  tabId = $state<TabId>('all');
  /** Telegram's global search, set by the switcher that owns it. */
  globalSearch: GlobalSearch | null = null;
  selectedKey = $state<PeerKey | null>(null);
  /**
   * Whether a Switcher is on screen. The state outlives it (the query is kept while a chat is
   * open), but counting, announcing and warming indexes wait until it shows again: a chat opened
   * from the list changes the ranking, and that work would otherwise run while the pane paints.
   */
  shown = $state(false);

  /** The top peers and chats of the account the list is narrowed to (Alt+A), else of every account. */
  readonly #peers = $derived(accounts.filter === null ? topPeers.peers : topPeers.peers.filter((peer) => accounts.shows(peer.account)));
  readonly #chats = $derived(accounts.filter === null ? chats.chats : chats.chats.filter((chat) => accounts.shows(chat.account)));

  /** Only categories that have peers get a tab; the set does not change while typing. */
  readonly tabs = $derived(tabsWithPeers(this.#peers));
  readonly tab = $derived(this.tabs.find((candidate) => candidate.id === this.tabId) ?? ALL_TAB);
  readonly typing = $derived(this.query.trim() !== '');

  readonly #standingAll = $derived(byStanding(this.#peers, (peer) => ratingIn(peer.categories, ALL_TAB)));
  /**
   * The All tab is the one list: the user's own (aliases, pins), the top peers, the rest of the
   * chats, then Telegram's global results (lib/sections.ts). Top peers stand by the frecency blend
   * (lib/standing.ts); pending removals and chats hidden from TopSwitch are left out.
   */
  readonly #sectioned = $derived.by(() => {
    const peers = topPeers.hidden.size === 0 ? this.#peers : this.#peers.filter((peer) => inTab(peer.categories, ALL_TAB, topPeers.hidden.get(peer.key)));
    const usage = yours.state.usage;
    const standing = createStanding(peers, (key) => usage[key], Date.now());
    return createSectionedSearch({ topPeers: peers, chats: this.#chats, topRating: standing, yours: yours.view, layouts: learnedLayouts });
  });
  /** Everyone in standing order: the list with nothing typed, and what the tabs count then. */
  readonly #standingRows = $derived(this.#sectioned.search('', RESULT_LIMIT).map(rowOf));
  readonly #localAll = $derived(this.typing ? this.#sectioned.search(this.query, RESULT_LIMIT).map(rowOf) : this.#standingRows);
  readonly #allMatches = $derived.by((): Row[] => {
    const global = this.globalSearch;
    if (!this.typing || !global?.found || global.forQuery !== this.query.trim()) return this.#localAll;
    const extra = globalItems(global.found, this.#sectioned);
    return extra.length === 0 ? this.#localAll : [...this.#localAll, ...extra.map(rowOf)];
  });
  // The empty query's list is capped too (the best RESULT_LIMIT): its counts are then lower bounds as well.
  readonly #capped = $derived(this.#localAll.length >= RESULT_LIMIT);

  // Clearing the field lists everyone: counting all of them again on each such keystroke walked
  // the whole list (10,000 peers × every tab); the unfiltered counts only change with the list.
  readonly #standingCounts = $derived(this.#countIn(this.#standingRows));
  /** Counts follow the query, so the tabs say where the other matches are. */
  readonly #counts = $derived(this.typing ? this.#countIn(this.#allMatches) : this.#standingCounts);

  // A tab ranks by its own categories' ratings (who you call most is not who you message most).
  // The tab's standing order does not depend on the query: derived apart, it is not sorted again
  // each time the field is cleared.
  readonly #tabStanding = $derived(
    this.tab.categories === null
      ? this.#standingAll
      : byStanding(
          this.#peers.filter((peer) => inTab(peer.categories, this.tab)),
          (peer) => ratingIn(peer.categories, this.tab),
        ),
  );
  readonly #tabRanked = $derived.by(() => {
    if (this.tab.categories === null) return this.#allMatches;
    if (this.typing) return this.#indexFor(this.tab).search(this.query, RESULT_LIMIT);
    return this.#tabStanding;
  });
  /** What the list shows, best first. */
  readonly results = $derived<Row[]>(this.tab.categories === null ? this.#allMatches : notYoursHidden(noneHidden(this.#tabRanked, this.tab)));

  readonly selectedIndex = $derived.by(() => {
    if (this.selectedKey === null) return 0;
    const index = this.results.findIndex((match) => match.peer.key === this.selectedKey);
    return index < 0 ? 0 : index;
  });
  readonly selected = $derived<Row | undefined>(this.results[this.selectedIndex]);

  readonly #announcement = $derived(
    !topPeers.loaded || topPeers.status !== 'ok'
      ? ''
      : this.results.length === 0
        ? t('switcher.noResults')
        : this.tab.categories
          ? t('switcher.resultsInTab', { count: this.results.length, tab: t(this.tab.labelKey) })
          : t('switcher.results', { count: this.results.length }),
  );

  /**
   * What the tabs count and the live region says lag the list by a moment: a keystroke's frame
   * carries the rows the user is reading, and the counts follow when the page is next idle. The
   * live region waits for typing to pause, so a screen reader reads one count, not one per key.
   */
  shownCounts = $state.raw(untrack(() => ({ counts: this.#counts, capped: this.#capped })));
  spokenAnnouncement = $state(untrack(() => this.#announcement));

  /** Made while a component initialises: its effects live as long as that component. */
  constructor() {
    $effect(() => keyboardLayouts.watch());
    $effect(() => {
      if (!this.shown || topPeers.peers.length === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The All tab's sections build their indexes (and the search's key-space tables) on first
      // use: that use, made here once the list has painted.
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => untrack(() => this.#sectioned).warm(), 0)));
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    });
    $effect(() => {
      // The counts follow the listed rows (a new list of peers, a hidden chat and the tabs all
      // reach the counts through them), and are counted when the page is idle too: walking up to
      // RESULT_LIMIT rows through every tab stays off the keystroke's frame.
      if (!this.shown) return;
      void this.#allMatches;
      void this.#capped;
      const idle = requestIdleCallback(() => (this.shownCounts = untrack(() => ({ counts: this.#counts, capped: this.#capped }))), { timeout: COUNTS_IDLE_TIMEOUT_MS });
      return () => cancelIdleCallback(idle);
    });
    $effect(() => {
      if (!this.shown) return;
      const next = this.#announcement;
      const timer = setTimeout(() => (this.spokenAnnouncement = next), ANNOUNCE_AFTER_MS);
      return () => clearTimeout(timer);
    });
  }

  /** A chat of the list (top peer or not) by key, as a row shows it: for opening a pin not on screen. */
  pinnedPeer(key: string): Peer | undefined {
    const chat = chats.chats.find((candidate) => candidate.key === key);
    return chat ? chatAsPeer(chat) : undefined;
  }

  /** Selects the row at `index` (clamped); returns the index selected, or null for an empty list. */
  select(index: number): number | null {
    const at = Math.max(0, Math.min(this.results.length - 1, index));
    const match = this.results[at];
    if (!match) return null;
    this.selectedKey = match.peer.key;
    return at;
  }

  /** Switches tab; false when it already was that tab. */
  selectTab(id: TabId): boolean {
    if (id === this.tabId) return false;
    this.tabId = id;
    return true;
  }

  /** The tab `by` steps away, wrapping around. */
  tabAfter(by: number): TabId | undefined {
    const at = this.tabs.findIndex((candidate) => candidate.id === this.tab.id);
    return this.tabs[(at + by + this.tabs.length) % this.tabs.length]?.id;
  }

  /** Removes from the categories the current tab shows (all of the peer's, on "All"). */
  remove(match: PeerMatch | undefined): void {
    if (!match) return;
    const peer = match.peer;
    const hidden = topPeers.hidden.get(peer.key);
    const categories = (Object.keys(peer.categories) as Category[]).filter(
      (category) => (this.tab.categories === null || this.tab.categories.includes(category)) && !hidden?.has(category),
    );
    // Keep the cursor on the same row position, so Delete pressed twice removes the next one.
    const index = this.results.indexOf(match);
    const next = this.results[index + 1] ?? this.results[index - 1];
    this.selectedKey = next ? next.peer.key : null;
    topPeers.remove(peer, categories);
  }

  #indexFor(target: Tab): PeerSearch {
    const peers = this.#peers;
    const cached = this.#indexes.get(target.id);
    if (cached?.peers === peers) return cached.search;
    const members = target.categories === null ? peers : peers.filter((peer) => inTab(peer.categories, target));
    const search = createPeerSearch(members, (peer) => ratingIn(peer.categories, target), cached?.search, { layouts: learnedLayouts });
    this.#indexes.set(target.id, { peers, search });
    return search;
  }

  #countIn(matches: readonly PeerMatch[]): Map<TabId, number> {
    const result = new Map<TabId, number>(this.tabs.map((candidate) => [candidate.id, 0]));
    result.set('all', matches.length);
    for (const match of matches) {
      const hidden = topPeers.hidden.get(match.peer.key);
      for (const candidate of this.tabs) {
        if (candidate.categories !== null && inTab(match.peer.categories, candidate, hidden)) {
          result.set(candidate.id, (result.get(candidate.id) ?? 0) + 1);
        }
      }
    }
    return result;
  }
}

/** The keyboard layouts the OS revealed; read inside a search, so a newly learnt one re-runs it. */
const learnedLayouts = () => keyboardLayouts.learned;

function notYoursHidden(matches: PeerMatch[]): PeerMatch[] {
  const hidden = yours.view.hidden;
  return hidden.size === 0 ? matches : matches.filter((match) => !hidden.has(match.peer.key));
}

function noneHidden(matches: PeerMatch[], tab: Tab): PeerMatch[] {
  return topPeers.hidden.size === 0 ? matches : matches.filter((match) => inTab(match.peer.categories, tab, topPeers.hidden.get(match.peer.key)));
}
