// `node --import ./register.mjs`: installs the resolution hook before the main bundle loads.
import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);
