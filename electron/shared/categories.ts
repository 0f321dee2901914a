/**
 * The nine top-peer categories of `contacts.getTopPeers`, in the order the UI lists them. Kept
 * free of zod (like method-names.ts) so the renderer can use the list without the schemas; the
 * contract builds its `Category` enum from it. The hash folds categories in the order the server
 * answers (TL flag-bit order), not this one: see core/top-peers/hash.ts.
 */
export const CATEGORIES = [
  'correspondents',
  'bots_pm',
  'bots_inline',
  'bots_app',
  'groups',
  'channels',
  'phone_calls',
  'forward_users',
  'forward_chats',
] as const;
