// Browser E2E tests and the renderer bench hand functions to page.evaluate(): they run in
// Chromium, so they are type-checked against the DOM. The Node code beside them is unaffected in
// practice (@types/node is written to coexist with lib.dom).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
export {};
