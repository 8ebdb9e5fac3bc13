import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node, ParseError } from 'jsonc-parser';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings, validateSettings } from '../common/settings';
import { readRegularFile } from './read-file';
import { decodeBytes } from './text-encoding';

type JsoncParser = typeof import('jsonc-parser');
let jsonc: JsoncParser | undefined;

/** Loaded when a settings file is first read: most runs have none, and loading it costs ~20 ms. */
function loadJsonc(): JsoncParser {
  jsonc ??= require('jsonc-parser') as JsoncParser;
  return jsonc;
}

/** 1-based line and column (UTF-16 units) of an offset; lines end at CRLF, LF or CR, as editors count them. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Settings files are small; a larger one is not read (a FIFO or a device named settings.json neither). */
const MAX_SETTINGS_FILE_SIZE = 1024 * 1024;
const PREFIX = `${SETTINGS_SECTION}.`;

/** Something wrong in a settings file, where it is and which key. */
export interface SettingsFileProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The full key (`studioTokenLens.rules`), or undefined for a problem with the file itself. */
  readonly key: string | undefined;
  readonly problem: string;
}

export interface SettingsSource {
  readonly settings: Settings;
  /** The settings file they come from; undefined for the defaults. */
  readonly file: string | undefined;
  readonly problems: readonly SettingsFileProblem[];
}

const DEFAULTS: SettingsSource = { settings: DEFAULT_SETTINGS, file: undefined, problems: [] };

function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/**
 * Reads the `studioTokenLens.*` keys of a VS Code settings file (JSON with comments and trailing commas, as VS Code
 * reads it) and checks them as strictly as the manifest declares them. Other keys are VS Code's or other
 * extensions' and are left alone.
 */
export function readSettingsFile(file: string, knownCodes: readonly string[]): SettingsSource {
  const problem = (offset: number, key: string | undefined, message: string, text = ''): SettingsSource => ({
    settings: DEFAULT_SETTINGS,
    file,
    problems: [{ file, ...lineColumnAt(text, offset), key, problem: message }],
  });
  const read = readRegularFile(file, { maxBytes: MAX_SETTINGS_FILE_SIZE, followSymlinks: true });
  if (read.kind !== 'read') return problem(0, undefined, read.reason);
  const decoding = decodeBytes(read.snapshot.bytes);
  if (decoding.kind !== 'decoded' || !decoding.decoded.exact)
    return problem(0, undefined, 'cannot be read as UTF-8 or UTF-16 text');
  const text = decoding.decoded.text;
  const errors: ParseError[] = [];
  const { parseTree, printParseErrorCode } = loadJsonc();
  const tree = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  const [error] = errors;
  if (error) return problem(error.offset, undefined, `is not valid JSON: ${printParseErrorCode(error.error)}`, text);
  if (!tree) return { ...DEFAULTS, file };
  if (tree.type !== 'object') return problem(tree.offset, undefined, 'must hold a JSON object', text);

  const raw: Record<string, unknown> = {};
  const keyOffsets = new Map<string, number>();
  for (const property of tree.children ?? []) {
    const [nameNode, valueNode] = property.children ?? [];
    const name = nameNode?.value;
    if (typeof name !== 'string' || !valueNode) continue;
    if (name === SETTINGS_SECTION) {
      return problem(nameNode!.offset, name, `write each setting as its own key, such as "${PREFIX}rules"`, text);
    }
    if (!name.startsWith(PREFIX)) continue;
    const key = name.slice(PREFIX.length);
    keyOffsets.set(key, nameNode!.offset);
    setPath(raw, key.split('.'), nodeValue(valueNode));
  }
  const { settings, problems } = validateSettings(raw, knownCodes);
  return {
    settings,
    file,
    problems: problems.map(({ key, problem: message }) => ({
      file,
      ...lineColumnAt(text, offsetOfKey(key, keyOffsets, tree)),
      key: PREFIX + key,
      problem: message,
    })),
  };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [nameNode, valueNode] = property.children ?? [];
        if (typeof nameNode?.value === 'string' && valueNode) value[nameNode.value] = nodeValue(valueNode);
      }
      return value;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Where a problem's key is written: the array element for `tokenEndpointPatterns[2]`, else its property name. */
function offsetOfKey(key: string, keyOffsets: ReadonlyMap<string, number>, tree: Node): number {
  const element = /^(.*)\[(\d+)\]$/.exec(key);
  if (element) {
    const node = loadJsonc().findNodeAtLocation(tree, [PREFIX + element[1], Number(element[2])]);
    if (node) return node.offset;
  }
  const bare = element ? element[1]! : key;
  let best: string | undefined;
  for (const written of keyOffsets.keys()) {
    if ((bare === written || bare.startsWith(`${written}.`)) && (!best || written.length > best.length)) best = written;
  }
  return best === undefined ? 0 : keyOffsets.get(best)!;
}

/** True unless the path is certainly absent: a file that exists but cannot be checked is read, and reported. */
function exists(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}

/**
 * The settings each file is linted with: those of `--config` when given, else those of the nearest
 * `.vscode/settings.json` in the file's folder or above it, else the defaults. Each settings file is read once.
 */
export class SettingsLookup {
  private readonly byFolder = new Map<string, SettingsSource>();
  private readonly byFile = new Map<string, SettingsSource>();
  private readonly config: SettingsSource | undefined;

  constructor(
    private readonly knownCodes: readonly string[],
    configFile: string | undefined,
  ) {
    this.config = configFile === undefined ? undefined : this.read(path.resolve(configFile));
  }

  forFile(file: string): SettingsSource {
    return this.config ?? this.forFolder(path.dirname(path.resolve(file)));
  }

  private read(file: string): SettingsSource {
    let source = this.byFile.get(file);
    if (!source) {
      source = readSettingsFile(file, this.knownCodes);
      this.byFile.set(file, source);
    }
    return source;
  }

  private forFolder(folder: string): SettingsSource {
    const cached = this.byFolder.get(folder);
    if (cached) return cached;
    const candidate = path.join(folder, '.vscode', 'settings.json');
    let source: SettingsSource;
    if (exists(candidate)) source = this.read(candidate);
    else {
      const parent = path.dirname(folder);
      source = parent === folder ? DEFAULTS : this.forFolder(parent);
    }
    this.byFolder.set(folder, source);
    return source;
  }
}
