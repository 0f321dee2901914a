import { fakeDcClient } from '/work/wt/chat15/electron/local-dc/client.js';
import { startFakeDc } from '/work/wt/chat15/electron/local-dc/index.js';
import { DEMO_ACCOUNTS } from '/work/wt/chat15/electron/local-dc/world/index.js';
import { LogLevel } from 'telegram/extensions/Logger.js';
const dc = await startFakeDc({ log: (l) => console.log('[dc]', l) });
const client = fakeDcClient({ dc, logLevel: LogLevel.INFO });
const a = DEMO_ACCOUNTS.main;
await client.start({ phoneNumber: a.phone, phoneCode: async () => a.code, onError: async (e) => { console.log('err', e); return true; } });
const dialogs = await client.getDialogs({ limit: 5 });
console.log(dialogs.map((d) => d.title));
try { const b = await client.downloadProfilePhoto(dialogs[0]!.entity!); console.log('photo', (b as Buffer)?.length); } catch (e) { console.log('FAIL', e); }
await client.destroy(); await dc.close();
