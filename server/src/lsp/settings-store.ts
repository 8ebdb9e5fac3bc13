import type { Connection } from 'vscode-languageserver';
import { sanitizeSettings, SETTINGS_SECTION, type Settings } from '../common/settings';

/**
 * Settings per resource. With `workspace/configuration` they are asked for per document URI
 * (folder and language overrides apply) and cached until configuration changes; without it, one
 * global value comes from `initializationOptions` and then from each `didChangeConfiguration`.
 */
export interface SettingsStore {
  /** Called once from `initialize`: how settings reach the server, and the initial global value. */
  initialize(pullConfiguration: boolean, initializationOptions: unknown): void;
  settingsFor(uri: string): Promise<Settings>;
  /** Bumped on every change; pull diagnostics put it in their result ids. */
  readonly generation: number;
  /**
   * Clears the cache; `payload` is `didChangeConfiguration`'s `settings`, used by clients without
   * `workspace/configuration`.
   */
  onDidChangeConfiguration(payload: unknown): void;
  forget(uri: string): void;
}

/** Accepts `{ studioTokenLens: {…} }` (VS Code's shape) or the section's content itself. */
export function sectionOf(payload: unknown): unknown {
  if (typeof payload === 'object' && payload !== null && SETTINGS_SECTION in payload) {
    return (payload as Record<string, unknown>)[SETTINGS_SECTION];
  }
  return payload;
}

export function createSettingsStore(connection: Connection): SettingsStore {
  let pullConfiguration = false;
  let global: Settings = sanitizeSettings(undefined);
  let generation = 0;
  const perResource = new Map<string, Promise<Settings>>();

  async function fetch(uri: string): Promise<Settings> {
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      return sanitizeSettings(raw);
    } catch (error) {
      console.warn(
        `Could not read settings for ${uri}; using defaults: ${error instanceof Error ? error.message : String(error)}`,
      );
      return global;
    }
  }

  return {
    initialize(pull, initializationOptions) {
      pullConfiguration = pull;
      global = sanitizeSettings(sectionOf(initializationOptions));
    },
    settingsFor(uri) {
      if (!pullConfiguration) return Promise.resolve(global);
      let settings = perResource.get(uri);
      if (!settings) {
        settings = fetch(uri);
        perResource.set(uri, settings);
      }
      return settings;
    },
    get generation() {
      return generation;
    },
    onDidChangeConfiguration(payload) {
      generation++;
      perResource.clear();
      if (!pullConfiguration) global = sanitizeSettings(sectionOf(payload));
    },
    forget(uri) {
      perResource.delete(uri);
    },
  };
}
