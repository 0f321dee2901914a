// Svelte 5 in runes mode everywhere: no legacy reactive statements to reason about.
export default {
  compilerOptions: { runes: true },
};
