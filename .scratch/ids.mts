import { Api } from 'telegram';
import { readFileSync } from 'node:fs';
const src = readFileSync('node_modules/@mtcute/core/tl/binary/reader.js', 'utf8');
const used = process.argv.slice(2);
const walk = (obj: any, prefix = ''): [string, number][] => Object.entries(obj).flatMap(([k, v]: [string, any]) =>
  typeof v === 'function' && v.CONSTRUCTOR_ID !== undefined ? [[prefix + k, v.CONSTRUCTOR_ID]] : (v && typeof v === 'object' && /^[a-z]/.test(k) ? walk(v, prefix + k + '.') : []));
const all = walk(Api);
const missing = all.filter(([name, id]) => used.some((u) => new RegExp('^' + u + '$').test(name)) && !src.includes(id.toString(16).padStart(8, '0')) && !src.includes('0x' + id.toString(16)) && !src.includes(String(id)));
console.log(missing.map(([n, id]) => `${n} ${id.toString(16)}`).join('\n'));
