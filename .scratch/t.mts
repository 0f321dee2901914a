import { createDemoWorld } from '/work/wt/chat15/electron/local-dc/world/index.js';
let t = Date.now(); const w = createDemoWorld(); console.log('build', Date.now() - t);
t = Date.now(); w.serialize(); console.log('serialize', Date.now() - t);
