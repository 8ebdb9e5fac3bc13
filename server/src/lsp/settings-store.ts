import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { SETTINGS_SECTION, type Settings, type SettingsProblem, validateSettings } from '../common/settings';
import { DIAGNOSTIC_CODES } from '../service';

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

/**
 * The settings the server uses, leniently sanitised (a bad value falls back to its default), with every problem told
 * to the user once: an invalid rule level, an unknown key, or a token endpoint pattern that was dropped because it is
 * not a valid expression or could make matching slow.
 */
function settingsFrom(raw: unknown, tell: (problems: readonly SettingsProblem[]) => void): Settings {
  const { settings, problems } = validateSettings(raw, DIAGNOSTIC_CODES);
  if (problems.length > 0) tell(problems);
  return settings;
}

export function createSettingsStore(connection: Connection): SettingsStore {
  let pullConfiguration = false;
  const told = new Set<string>();
  const tell = (problems: readonly SettingsProblem[]): void => {
    for (const { key, problem } of problems) {
      const text = `Studio Token Lens settings: ${SETTINGS_SECTION}.${key}: ${problem}`;
      if (told.has(text)) continue;
      told.add(text);
      // A notification: nothing to answer, nothing left pending if the client never shows it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text });
    }
  };
  let global: Settings = settingsFrom(undefined, tell);
  let generation = 0;
  const perResource = new Map<string, Promise<Settings>>();

  async function fetch(uri: string): Promise<Settings> {
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      return settingsFrom(raw, tell);
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
      global = settingsFrom(sectionOf(initializationOptions), tell);
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
      // A problem that comes back after a change is told again.
      told.clear();
      if (!pullConfiguration) global = settingsFrom(sectionOf(payload), tell);
    },
    forget(uri) {
      perResource.delete(uri);
    },
  };
}
