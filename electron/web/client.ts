/**
 * Browser mode's `window.api`: the preload's own builder (shared/expose.ts) over a WebSocket to
 * the server, instead of over ipcRenderer. Loaded as a classic script before the renderer's
 * module scripts, so `window.api` exists (and the early reads are under way) before App boots.
 *
 * The page checks the contract too, on its side of the socket: arguments before they leave,
 * answers and pushes as they arrive. Whatever fails a check becomes a typed error envelope (or a
 * dropped push, logged), never a malformed object inside the renderer. Envelopes that pass are
 * handed on untouched.
 */
import { channels, events, IpcError, type Channel, type EventName } from '../shared/ipc-contract.js';
import { apiTable, buildExposedApi } from '../shared/expose.js';
import { AnswerFrameSchema, BRIDGE_PATH, INVOKE_PREFIX, PUSH_PREFIX, PushFrameSchema, refusal } from './bridge-protocol.js';

const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_PATH}`);
const opened = new Promise<boolean>((resolve) => {
  socket.addEventListener('open', () => resolve(true), { once: true });
  socket.addEventListener('close', () => resolve(false), { once: true });
});
const pending = new Map<number, { channel: Channel; resolve: (envelope: unknown) => void }>();
const listeners = new Map<string, Set<(message: unknown) => void>>();
let nextId = 1;
let gone = false;

const stopped = () => refusal('NETWORK', 'TopSwitch has stopped running in the background. Start it again (npm start) and reload.');

socket.addEventListener('close', () => {
  gone = true;
  for (const call of pending.values()) call.resolve(stopped());
  pending.clear();
});

socket.addEventListener('message', (message) => {
  let frame: unknown;
  try {
    frame = JSON.parse(String(message.data));
  } catch {
    console.error('TopSwitch bridge: a frame that is not JSON was dropped');
    return;
  }
  const push = PushFrameSchema.safeParse(frame);
  if (push.success) return deliver(push.data.push, push.data.message);
  const answer = AnswerFrameSchema.safeParse(frame);
  if (!answer.success) return console.error('TopSwitch bridge: an unknown frame was dropped');
  if (answer.data.id === null) return console.error('TopSwitch bridge: the server refused a frame', answer.data.envelope);
  const call = pending.get(answer.data.id);
  if (!call) return;
  pending.delete(answer.data.id);
  call.resolve(checkedEnvelope(call.channel, answer.data.envelope));
});

function deliver(transportChannel: string, message: { value: unknown; revision: number }): void {
  const event = transportChannel.slice(PUSH_PREFIX.length) as EventName;
  if (!transportChannel.startsWith(PUSH_PREFIX) || !Object.hasOwn(events, event)) {
    return console.error(`TopSwitch bridge: a push on an unknown channel was dropped: ${transportChannel.slice(0, 64)}`);
  }
  const checked = events[event].safeParse(message.value);
  if (!checked.success) return console.error(`TopSwitch bridge: a ${event} push outside the contract was dropped`);
  // The message goes on as it came (payload and revision), as ipcRenderer hands it to the preload.
  listeners.get(transportChannel)?.forEach((listener) => listener(message));
}

/** The envelope as it came, when it fits the contract; a typed error in its place otherwise. */
function checkedEnvelope(channel: Channel, envelope: unknown): unknown {
  const candidate = envelope as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (candidate?.ok === true && channels[channel].result.safeParse(candidate.value).success) return envelope;
  if (candidate?.ok === false && IpcError.safeParse(candidate.error).success) return envelope;
  return refusal('INTERNAL', `The answer to ${channel} did not fit the contract.`);
}

async function invoke(transportChannel: string, args: unknown): Promise<unknown> {
  const channel = transportChannel.slice(INVOKE_PREFIX.length) as Channel;
  if (!transportChannel.startsWith(INVOKE_PREFIX) || !Object.hasOwn(channels, channel)) {
    return refusal('UNKNOWN_CHANNEL', `No such channel: ${transportChannel.slice(0, 64)}`);
  }
  const parsed = channels[channel].args.safeParse(args ?? {});
  if (!parsed.success) return refusal('INVALID_ARGUMENT', `Invalid argument for ${channel}: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
  // Sent in this task when the socket is open: a call made as a key is handled leaves before the
  // work that key starts (the chat pane mounting), not after it, as an await here would make it.
  if (socket.readyState !== WebSocket.OPEN && !(await opened)) return stopped();
  if (gone) return stopped();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { channel, resolve });
    socket.send(JSON.stringify({ id, channel: transportChannel, args: parsed.data }));
  });
}

function subscribe(transportChannel: string, listener: (message: unknown) => void): () => void {
  const set = listeners.get(transportChannel) ?? new Set();
  set.add(listener);
  listeners.set(transportChannel, set);
  return () => set.delete(listener);
}

Object.defineProperty(globalThis, 'api', { value: buildExposedApi(invoke, subscribe, apiTable()), enumerable: true });
