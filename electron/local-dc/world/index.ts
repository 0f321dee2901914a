/** The fake DC's Telegram world: see world.ts for the model and mutation API, demo.ts for the fixture. */
export { World, defaultAccessHash, type AccountRef, type WorldOptions } from './world';
export {
  createDemoWorld,
  DEMO_2FA_PASSWORD,
  DEMO_ACCOUNTS,
  DEMO_BOT_TOKEN,
  DEMO_EPOCH,
  DEMO_LOGIN_CODE,
} from './demo';
export { topPeersHash, toSignedHash, rankedCategory, categoryToTl, categoryFromTl } from './top-peers';
export { loginCodeFor } from './auth';
export { RATING_E_DECAY } from './help';
export { SRP_G, SRP_PRIME } from './srp';
export { renderPhotoJpeg, type PhotoStyle } from './photos';
export { DEMO_CHATS } from './demo-chats';
export type { RichMessage, WorldEntity, WorldMedia, ServiceAction, Forwarded } from './history-model';
export { UPDATE_LOG_LIMIT } from './update-log';
export {
  TOP_PEER_CATEGORIES,
  peerKey,
  parsePeerKey,
  type Account,
  type BotInfo,
  type Dialog,
  type PeerKey,
  type PeerKind,
  type PeerRef,
  type TopPeerCategory,
  type UserStatus,
  type WorldChannel,
  type WorldChat,
  type WorldMessage,
  type WorldPeer,
  type WorldPhoto,
  type WorldUser,
} from './model';
