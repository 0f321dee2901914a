/**
 * Channel name → `window.api` method name. Kept free of zod so the renderer can use it without
 * pulling the schemas into its bundle (the renderer trusts what the main process validated).
 */
export type MethodName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : never;

/** `'topPeers:get'` becomes `'topPeersGet'`. */
export function methodName<C extends string>(channel: C): MethodName<C> {
  const [scope = '', action = ''] = channel.split(':');
  return `${scope}${action.charAt(0).toUpperCase()}${action.slice(1)}` as MethodName<C>;
}
