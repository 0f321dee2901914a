/**
 * The router's handler table: each contract channel mapped to one core API method. The router
 * has validated the arguments against the contract by the time a handler runs, and checks the
 * result on the way out; nothing here decides anything.
 */
import type { CoreApi } from './api.js';
import type { Handlers } from './router.js';
import { chatHandlers } from './chats/wiring.js';
import { perAccountKeys } from './account-keys.js';

export function createHandlers(api: CoreApi): Handlers {
  return perAccountKeys(channelTable(api), api);
}

function channelTable(api: CoreApi): Handlers {
  return {
    ...chatHandlers(() => api.chats(), (key, after) => api.countOpen(key, after)),
    'chat:photo': async ({ key, id }) => ({ dataUrl: await api.chatPhoto(key, id) }),
    'chat:openLink': async ({ url }) => {
      await api.openLink(url);
      return { ok: true };
    },
    'app:version': () => api.version(),

    'session:get': () => api.getSession(),
    'session:setCredentials': (credentials) => api.setCredentials(credentials),
    'session:startDemo': () => api.startDemo(),
    'session:logout': () => api.logout(),

    'accounts:list': () => api.listAccounts(),
    'accounts:add': () => api.addAccount(),
    'accounts:cancelAdd': () => api.cancelAddAccount(),
    'accounts:logout': ({ account }) => api.logoutAccount(account),

    'login:submitPhone': ({ phone }) => api.submitPhone(phone),
    'login:submitCode': ({ code }) => api.submitCode(code),
    'login:resendCode': () => api.resendCode(),
    'login:submitPassword': ({ password }) => api.submitPassword(password),
    'login:startQr': () => api.startQr(),
    'login:restart': () => api.restartLogin(),

    'topPeers:get': () => api.getTopPeers(),
    'topPeers:refresh': () => api.refreshTopPeers(),
    'topPeers:remove': ({ key, category }) => api.removeTopPeer(key, category),
    'topPeers:setEnabled': ({ enabled }) => api.setTopPeersEnabled(enabled),
    'sync:get': () => api.getSync(),

    'chats:get': () => api.getChats(),
    'chats:refresh': () => api.refreshChats(),
    'chats:search': ({ query, limit }) => api.searchChats(query, limit),
    'chats:cancelSearch': () => {
      api.cancelChatSearch();
      return { ok: true };
    },

    'peers:avatar': async ({ key }) => ({ dataUrl: await api.peerAvatar(key) }),
    'peers:open': ({ key, target }) => api.openPeer(key, target),
    'peers:link': ({ key }) => ({ url: api.peerLink(key) }),

    'settings:get': () => api.getSettings(),
    'settings:set': (patch) => api.setSettings(patch),
    'app:hotkeyStatus': () => api.hotkeyStatus(),

    'window:hide': () => {
      api.hideWindow();
      return { ok: true };
    },
  };
}
