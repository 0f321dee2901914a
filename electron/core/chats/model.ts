/**
 * What the chat pane shows, as plain data: the contract's shapes (messages with entities as
 * UTF-16 offsets, never HTML; the view of one open chat; a switcher row's badge).
 */
import type { z } from 'zod';
import type { ChatEntity as ChatEntitySchema, ChatMedia as ChatMediaSchema } from '../../shared/ipc-contract.js';

export type { ChatAbout, ChatBadge, ChatMessage, ChatView } from '../../shared/ipc-contract.js';
export type ChatEntity = z.infer<typeof ChatEntitySchema>;
export type ChatMedia = z.infer<typeof ChatMediaSchema>;
export type EntityType = ChatEntity['type'];
