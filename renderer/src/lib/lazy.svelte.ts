/**
 * A screen whose code is fetched when it is first needed, or ahead of that while the page is
 * idle: the switcher's own start then neither parses nor runs it. The chat pane, Settings and the
 * login screens are most of the bundle, and a launch with a saved login shows none of them.
 */
import type { Component } from 'svelte';
import { toUiError, type UiError } from './errors';

// Any component: each screen has its own props.
export class LazyScreen<C extends Component<any>> {
  /** The screen's component once its code is here. */
  component = $state.raw<C | null>(null);
  /**
   * Why its code could not be loaded (a file missing from a broken install, say). The browser
   * remembers a module that failed to load, so only a reload of the page tries it again.
   */
  error = $state.raw<UiError | null>(null);
  #loading: Promise<void> | undefined;
  readonly #importer: () => Promise<{ default: C }>;

  constructor(importer: () => Promise<{ default: C }>) {
    this.#importer = importer;
  }

  /** Loads the code, once. */
  load(): Promise<void> {
    this.#loading ??= this.#importer().then(
      (module) => {
        this.component = module.default;
      },
      (cause: unknown) => {
        console.error('A screen of TopSwitch could not be loaded:', cause);
        this.error = toUiError(cause);
      },
    );
    return this.#loading;
  }
}
