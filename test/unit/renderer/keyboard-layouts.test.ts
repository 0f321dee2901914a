/**
 * The keyboard layouts the OS reveals (navigator.keyboard's layout map) reach the switcher's
 * search: what is learnt is kept and added to, and the sections and tab searches undo only the
 * wrong-layout typing of the layouts the user has.
 */
import { describe, expect, it } from 'vitest';
import type { Chat, Peer } from '../../../electron/shared/ipc-contract';
import { KeyboardLayouts, type LayoutSource } from '../../../renderer/src/lib/keyboardLayouts.svelte';
import { createPeerSearch } from '../../../renderer/src/lib/peerSearch';
import { createSectionedSearch } from '../../../renderer/src/lib/sections';
import type { KeyboardLayout } from '../../../renderer/src/lib/search/index';

const mapSaying = (s: string): LayoutSource => ({ getLayoutMap: async () => new Map([['KeyS', s], ['KeyQ', s === 's' ? 'q' : 'й']]) });

describe('KeyboardLayouts', () => {
  it('learns the Cyrillic layouts the active layout map reveals, and keeps them', async () => {
    const layouts = new KeyboardLayouts();
    await layouts.learn(mapSaying('s'));
    expect(layouts.learned).toBeNull();
    await layouts.learn(mapSaying('і'));
    expect(layouts.learned).toEqual(['uk']);
    // Switching to Russian later adds it; switching back to a Latin layout forgets nothing.
    await layouts.learn(mapSaying('ы'));
    await layouts.learn(mapSaying('s'));
    expect(layouts.learned).toEqual(['uk', 'ru']);
  });

  it('does nothing without navigator.keyboard, and says why when the map cannot be read', async () => {
    const layouts = new KeyboardLayouts();
    await layouts.learn(undefined);
    expect(layouts.learned).toBeNull();
    await layouts.learn({ getLayoutMap: () => Promise.reject(new Error('not focused')) });
    expect(layouts.learned).toBeNull();
    expect(layouts.problem).toBe('The keyboard layout could not be read: not focused');
    await layouts.learn(mapSaying('ы'));
    expect(layouts.problem).toBeNull();
  });
});

describe('learnt layouts in the switcher searches', () => {
  // "sdfy" is "іван" typed on QWERTY keys with the Ukrainian layout in mind; on the Russian
  // layout the same keys give "ыван", which no word starts with.
  const chat: Chat = { key: 'user:7', kind: 'user', title: 'Іван Франко', isSelf: false, verified: false, deleted: false, unreadCount: 0, muted: false, pinned: false, archived: false, lastMessageAt: 1 };
  const peer: Peer = { key: 'user:8', kind: 'user', title: 'Іванна Коваль', isSelf: false, verified: false, premium: false, deleted: false, categories: { correspondents: 1 } };

  it('sections undo only the layouts learnt, read at each search', () => {
    let learned: readonly KeyboardLayout[] | null = null;
    const sectioned = createSectionedSearch({ topPeers: [peer], chats: [chat], topRating: () => 1, layouts: () => learned });
    expect(sectioned.search('sdfy', 10).map((item) => item.key)).toEqual(['user:8', 'user:7']);
    learned = ['ru'];
    expect(sectioned.search('sdfy', 10)).toEqual([]);
    learned = ['ru', 'uk'];
    expect(sectioned.search('sdfy', 10).map((item) => item.key)).toEqual(['user:8', 'user:7']);
  });

  it('a tab search does too', () => {
    let learned: readonly KeyboardLayout[] | null = ['ru'];
    const search = createPeerSearch([peer], () => 1, undefined, { layouts: () => learned });
    expect(search.search('sdfy', 10)).toEqual([]);
    learned = ['uk'];
    expect(search.search('sdfy', 10).map((match) => match.peer.key)).toEqual(['user:8']);
  });
});
