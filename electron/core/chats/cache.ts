/**
 * The chat history cache: one embedded SQLite database per account (better-sqlite3), holding
 * messages as shown, drafts, the outbox (messages written but not yet sent, the user's own text
 * like a draft) and the update state (pts) to catch up from. It holds no secrets
 * (the session lives in the secret store) and is deleted on logout with the rest. A size cap
 * evicts the messages of the chats opened longest ago first.
 */
import { chmodSync, closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ChatMessage } from './model.js';

/** Messages kept across all chats; the chats opened longest ago lose theirs first. */
export const DEFAULT_MESSAGE_CAP = 20_000;

export interface UpdateState {
  readonly pts: number;
  readonly date: number;
  readonly qts: number;
}

/** A message written but not yet in Telegram, in the order it was written (`seq`). */
export interface OutboxRow {
  readonly seq: number;
  readonly randomId: string;
  readonly chat: string;
  readonly text: string;
  readonly replyToId?: number;
  /** Unix seconds, when it was written. */
  readonly date: number;
  /** Telegram refused it for good: it waits for Retry or Delete, and is not sent by itself. */
  readonly failed: boolean;
  readonly error?: { code: string; message: string; retryAt?: number };
}

export class ChatCache {
  readonly #db: Database.Database;
  readonly #cap: number;

  constructor(
    readonly file: string,
    options: { cap?: number } = {},
  ) {
    this.#cap = options.cap ?? DEFAULT_MESSAGE_CAP;
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // SQLite gives its -wal and -shm files the database file's mode: make that 0600 before it opens.
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS messages (chat TEXT NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (chat, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS chats (chat TEXT PRIMARY KEY, opened_at INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0, draft TEXT NOT NULL DEFAULT '', read_outbox INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, random_id TEXT NOT NULL UNIQUE, chat TEXT NOT NULL, text TEXT NOT NULL, reply_to INTEGER, date INTEGER NOT NULL, failed INTEGER NOT NULL DEFAULT 0, error TEXT);
    `);
  }

  /** Newest first, `limit` of them, older than `beforeId` when given. */
  messages(chat: string, limit: number, beforeId?: number): ChatMessage[] {
    const rows = (
      beforeId === undefined
        ? this.#db.prepare('SELECT body FROM messages WHERE chat = ? ORDER BY id DESC LIMIT ?').all(chat, limit)
        : this.#db.prepare('SELECT body FROM messages WHERE chat = ? AND id < ? ORDER BY id DESC LIMIT ?').all(chat, beforeId, limit)
    ) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as ChatMessage);
  }

  newestId(chat: string): number | undefined {
    const row = this.#db.prepare('SELECT MAX(id) AS id FROM messages WHERE chat = ?').get(chat) as { id: number | null };
    return row.id ?? undefined;
  }

  /** Store messages; with `replaceAbove` the cached window is cut where a gap would otherwise hide. */
  put(chat: string, messages: readonly ChatMessage[], options: { dropOlderThan?: number } = {}): void {
    const insert = this.#db.prepare('INSERT OR REPLACE INTO messages (chat, id, body) VALUES (?, ?, ?)');
    this.#db.transaction(() => {
      this.#ensureChat(chat);
      if (options.dropOlderThan !== undefined) this.#db.prepare('DELETE FROM messages WHERE chat = ? AND id < ?').run(chat, options.dropOlderThan);
      for (const message of messages) if (message.id > 0) insert.run(chat, message.id, JSON.stringify(message));
    })();
    this.#evict();
  }

  get(chat: string, id: number): ChatMessage | undefined {
    const row = this.#db.prepare('SELECT body FROM messages WHERE chat = ? AND id = ?').get(chat, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ChatMessage) : undefined;
  }

  delete(chat: string, ids: readonly number[]): void {
    const remove = this.#db.prepare('DELETE FROM messages WHERE chat = ? AND id = ?');
    this.#db.transaction(() => ids.forEach((id) => remove.run(chat, id)))();
  }

  /** Private chats and basic groups share one id sequence: which of those chats hold these ids. */
  commonChatsHolding(ids: readonly number[]): Map<string, number[]> {
    const found = new Map<string, number[]>();
    const select = this.#db.prepare("SELECT chat FROM messages WHERE id = ? AND chat NOT LIKE 'channel:%'");
    for (const id of ids) for (const row of select.all(id) as { chat: string }[]) found.set(row.chat, [...(found.get(row.chat) ?? []), id]);
    return found;
  }

  /** The oldest message of the chat is cached: paging further needs no network. */
  markComplete(chat: string): void {
    this.#ensureChat(chat);
    this.#db.prepare('UPDATE chats SET complete = 1 WHERE chat = ?').run(chat);
  }

  chatInfo(chat: string): { complete: boolean; draft: string; readOutbox: number; unread: number } {
    const row = this.#db.prepare('SELECT complete, draft, read_outbox, unread FROM chats WHERE chat = ?').get(chat) as
      | { complete: number; draft: string; read_outbox: number; unread: number }
      | undefined;
    return { complete: row?.complete === 1, draft: row?.draft ?? '', readOutbox: row?.read_outbox ?? 0, unread: row?.unread ?? 0 };
  }

  setChatInfo(chat: string, info: Partial<{ draft: string; readOutbox: number; unread: number; openedAt: number }>): void {
    this.#ensureChat(chat);
    if (info.draft !== undefined) this.#db.prepare('UPDATE chats SET draft = ? WHERE chat = ?').run(info.draft, chat);
    if (info.readOutbox !== undefined) this.#db.prepare('UPDATE chats SET read_outbox = MAX(read_outbox, ?) WHERE chat = ?').run(info.readOutbox, chat);
    if (info.unread !== undefined) this.#db.prepare('UPDATE chats SET unread = ? WHERE chat = ?').run(info.unread, chat);
    if (info.openedAt !== undefined) this.#db.prepare('UPDATE chats SET opened_at = ? WHERE chat = ?').run(info.openedAt, chat);
  }

  /** Forget a chat's cached messages (a difference too long to replay: refetch what is shown). */
  forgetMessages(chat?: string): void {
    if (chat === undefined) this.#db.exec('DELETE FROM messages; UPDATE chats SET complete = 0;');
    else {
      this.#db.prepare('DELETE FROM messages WHERE chat = ?').run(chat);
      this.#db.prepare('UPDATE chats SET complete = 0 WHERE chat = ?').run(chat);
    }
  }

  updateState(): UpdateState | undefined {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = 'state'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as UpdateState) : undefined;
  }

  setUpdateState(state: UpdateState): void {
    this.#db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('state', ?)").run(JSON.stringify(state));
  }

  channelPts(chat: string): number | undefined {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(`pts:${chat}`) as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  }

  setChannelPts(chat: string, pts: number): void {
    this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(`pts:${chat}`, String(pts));
  }

  /** Keep a message to send; it goes after every one kept before. */
  addOutgoing(row: Omit<OutboxRow, 'seq' | 'failed' | 'error'>): void {
    this.#db
      .prepare('INSERT INTO outbox (random_id, chat, text, reply_to, date) VALUES (?, ?, ?, ?, ?)')
      .run(row.randomId, row.chat, row.text, row.replyToId ?? null, row.date);
  }

  /** The outbox in the order it was written: one chat's, or every chat's. */
  outgoing(chat?: string): OutboxRow[] {
    const rows = (
      chat === undefined
        ? this.#db.prepare('SELECT * FROM outbox ORDER BY seq').all()
        : this.#db.prepare('SELECT * FROM outbox WHERE chat = ? ORDER BY seq').all(chat)
    ) as { seq: number; random_id: string; chat: string; text: string; reply_to: number | null; date: number; failed: number; error: string | null }[];
    return rows.map((row) => ({
      seq: row.seq,
      randomId: row.random_id,
      chat: row.chat,
      text: row.text,
      ...(row.reply_to === null ? {} : { replyToId: row.reply_to }),
      date: row.date,
      failed: row.failed === 1,
      ...(row.error === null ? {} : { error: JSON.parse(row.error) as OutboxRow['error'] }),
    }));
  }

  /** Mark a kept message failed (with why), or back to waiting its turn (`requeue`: at the end of the line). */
  markOutgoing(randomId: string, change: { failed: true; error: NonNullable<OutboxRow['error']> } | { failed: false; requeue: boolean }): void {
    if (change.failed) {
      this.#db.prepare('UPDATE outbox SET failed = 1, error = ? WHERE random_id = ?').run(JSON.stringify(change.error), randomId);
      return;
    }
    this.#db.prepare('UPDATE outbox SET failed = 0, error = NULL WHERE random_id = ?').run(randomId);
    if (change.requeue) this.#db.prepare('UPDATE outbox SET seq = (SELECT MAX(seq) + 1 FROM outbox) WHERE random_id = ?').run(randomId);
  }

  /** Sent, or deleted by the user: true if it was kept. */
  removeOutgoing(randomId: string): boolean {
    return this.#db.prepare('DELETE FROM outbox WHERE random_id = ?').run(randomId).changes > 0;
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** Logout: the database and its WAL files go. */
  wipe(): void {
    this.close();
    if (this.file === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.file + suffix, { force: true });
  }

  #ensureChat(chat: string): void {
    this.#db.prepare('INSERT OR IGNORE INTO chats (chat) VALUES (?)').run(chat);
  }

  #evict(): void {
    const excess = this.count() - this.#cap;
    if (excess <= 0) return;
    const victims = `SELECT m.chat, m.id FROM messages m JOIN chats c ON c.chat = m.chat ORDER BY c.opened_at ASC, m.id ASC LIMIT ?`;
    this.#db.transaction(() => {
      // A chat that loses its oldest messages no longer holds its whole history.
      this.#db.prepare(`UPDATE chats SET complete = 0 WHERE chat IN (SELECT chat FROM (${victims}))`).run(excess);
      this.#db.prepare(`DELETE FROM messages WHERE (chat, id) IN (${victims})`).run(excess);
    })();
  }
}
