/** How many chats' views the renderer keeps for an instant reopen (the heap bench's bound; state.svelte.ts). */
export const RECENT_CHATS = 8;
