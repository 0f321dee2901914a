/**
 * The chat-list channels and push event: validated like every other channel, by the contract.
 */
import { describe, expect, it } from 'vitest';
import { Chat, channels, events } from '../../../electron/shared/ipc-contract.js';

const chat = {
  key: 'user:100201',
  kind: 'user',
  title: 'Oscar Lindgren',
  isSelf: false,
  verified: false,
  deleted: false,
  unreadCount: 2,
  muted: false,
  pinned: false,
  archived: true,
  lastMessageAt: 1_764_000_000_000,
} as const;

describe('chat-list contract', () => {
  it('knows a chat exactly: unknown fields and negative unread counts are refused', () => {
    expect(Chat.parse(chat)).toEqual(chat);
    expect(Chat.safeParse({ ...chat, accessHash: '1' }).success).toBe(false);
    expect(Chat.safeParse({ ...chat, unreadCount: -1 }).success).toBe(false);
    expect(Chat.safeParse({ ...chat, key: 'user:0' }).success).toBe(false);
  });

  it('validates chats:search arguments before the core sees them', () => {
    const args = channels['chats:search'].args;
    expect(args.parse({ query: '  anna ' })).toEqual({ query: 'anna' });
    expect(args.safeParse({ query: '   ' }).success).toBe(false);
    expect(args.safeParse({ query: 'x'.repeat(129) }).success).toBe(false);
    expect(args.safeParse({ query: 'anna', limit: 101 }).success).toBe(false);
    expect(args.safeParse({ query: 'anna', global: true }).success).toBe(false);
    expect(channels['chats:search'].result.parse({ query: 'anna', status: 'cancelled', mine: [], global: [] }).status).toBe('cancelled');
  });

  it('pushes the list as chats:changed', () => {
    expect(events['chats:changed'].parse({ status: 'ok', chats: [chat], fetchedAt: 1, checkedAt: 2 }).chats).toHaveLength(1);
    expect(events['chats:changed'].safeParse({ status: 'ok', chats: [{ ...chat, title: 7 }], fetchedAt: 1, checkedAt: 2 }).success).toBe(false);
  });
});
