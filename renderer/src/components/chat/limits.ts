/** How many chats' views the renderer keeps for an instant reopen (the heap bench's bound; state.svelte.ts). */
export const RECENT_CHATS = 8;
/** The newest messages kept of each of those views: the core's chat:open answers with its newest 50 anyway, so older pages are not worth the heap. */
export const RECENT_CHAT_MESSAGES = 100;
