// Module resolution hook: 'electron' (from the main bundle and from electron-store) resolves to
// the fake below. Everything else resolves as Node normally would.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
