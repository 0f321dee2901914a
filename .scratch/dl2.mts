import { fakeDcClient } from '/work/wt/chat15/electron/local-dc/client.js';
import { startFakeDc } from '/work/wt/chat15/electron/local-dc/index.js';
import { DEMO_ACCOUNTS } from '/work/wt/chat15/electron/local-dc/world/index.js';
import { Api } from 'telegram';
const dc = await startFakeDc({ log: (l) => console.log('[dc]', l) });
let client = fakeDcClient({ dc });
const a = DEMO_ACCOUNTS.main;
await client.start({ phoneNumber: a.phone, phoneCode: async () => a.code, onError: async (e) => { console.log('err', e); return true; } });
const saved = client.session.save() as unknown as string;
await client.destroy();
client = fakeDcClient({ dc, session: saved });
await client.connect();
const msgs = await client.getMessages('me', { limit: 3 }).catch(e=>console.log('getMessages', e.message));
const dialogs = await client.getDialogs({ limit: 8 });
for (const d of dialogs) {
try { const b = await client.downloadProfilePhoto(d.entity!); console.log(d.title, 'photo', (b as Buffer)?.length); } catch (e) { console.log('FAIL', (e as Error).message); }
}
const top = await client.invoke(new Api.contacts.GetTopPeers({ correspondents: true, limit: 5, offset: 0, hash: 0 as any })) as Api.contacts.TopPeers;
for (const u of top.users) { try { const b = await client.downloadProfilePhoto(u); console.log('top', (b as Buffer)?.length); } catch (e) { console.log('FAIL top', (e as Error).message); } }
await client.destroy(); await dc.close();
