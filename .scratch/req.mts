import { Api } from 'telegram';
import { readFileSync } from 'node:fs';
const schema = JSON.parse(readFileSync('node_modules/@mtcute/core/tl/api-schema.json', 'utf8'));
const byName = new Map<string, any>(schema.e.map((x: any) => [x.name, x]));
const names = process.argv.slice(2);
for (const n of names) {
  const [ns, cls] = n.includes('.') ? n.split('.') : [undefined, n];
  const g: any = ns ? (Api as any)[ns][cls[0]!.toUpperCase() + cls.slice(1)] : (Api as any)[cls[0]!.toUpperCase() + cls.slice(1)];
  const m = byName.get(n);
  if (!g || !m) { console.log(n, 'missing', !!g, !!m); continue; }
  if (g.CONSTRUCTOR_ID !== m.id) console.log('DIFF', n, g.CONSTRUCTOR_ID.toString(16), m.id.toString(16), m.arguments.map((a: any) => `${a.name}:${a.typeModifiers?.predicate ? a.typeModifiers.predicate + '?' : ''}${a.typeModifiers?.isVector ? 'Vector<' + a.type + '>' : a.type}`).join(' '));
}
