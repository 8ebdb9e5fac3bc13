import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, OUR_LANGUAGES, SETTINGS_SECTION } from '../../client/src/constants';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../server/src/common/settings';
import { CATALOG } from '../../server/src/service';

/**
 * package.json is code: VS Code reads it before any of ours runs, and a wrong path or default only
 * shows up as a silently missing feature. These checks tie it to the files and the server's types.
 */
const ROOT = path.resolve(__dirname, '..', '..');

interface ConfigurationProperty {
  type?: string | string[];
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
  description?: string;
  enum?: unknown[];
  propertyNames?: { enum?: unknown[] };
  additionalProperties?: { enum?: unknown[] };
}

interface Manifest {
  main?: string;
  engines: { vscode: string };
  activationEvents?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[]; description?: string };
    virtualWorkspaces?: unknown;
  };
  devDependencies?: Record<string, string>;
  contributes: {
    languages?: { id: string; extensions?: string[]; aliases?: string[]; configuration?: string }[];
    grammars?: { language?: string; scopeName: string; path: string; embeddedLanguages?: Record<string, string> }[];
    snippets?: { language: string; path: string }[];
    configuration?: { title?: string; properties: Record<string, ConfigurationProperty> };
    commands?: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command?: string }[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributes = manifest.contributes;
const properties = contributes.configuration?.properties ?? {};
const PREFIX = `${SETTINGS_SECTION}.`;
const TRACE_KEY = `${SETTINGS_SECTION}.trace.server`;

function resolve(relative: string): string {
  return path.join(ROOT, relative);
}

/** Every `path`/`configuration` string anywhere under `contributes`. */
function contributedPaths(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'path' || key === 'configuration' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => contributedPaths(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (k === 'properties' ? [] : contributedPaths(v, k)));
  }
  return [];
}

/** What VS Code's `workspace/configuration` answers for the section: dotted keys nested into objects. */
function nestedDefaults(): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const parts = key.slice(PREFIX.length).split('.');
    let target = root;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = property.default;
  }
  return root;
}

/** Settings keys as package.json spells them: nested records with fixed keys (jitter) become dotted keys. */
function expectedPropertyDefaults(): Map<string, unknown> {
  const expected = new Map<string, unknown>();
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const isGroup =
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
    if (isGroup) for (const [sub, subValue] of Object.entries(value)) expected.set(`${PREFIX}${key}.${sub}`, subValue);
    else expected.set(`${PREFIX}${key}`, value);
  }
  return expected;
}

function grammarTestFiles(): string[] {
  const dir = resolve('test/grammar');
  return fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => /\.test\.[a-z]+$/.test(name) && !name.endsWith('.test.ts'))
    : [];
}

describe('package.json manifest', () => {
  it('points main at the bundled client', () => {
    assert.equal(manifest.main, './client/out/extension.js');
  });

  it('has every contributed path on disk', () => {
    const paths = contributedPaths(contributes);
    assert.ok(paths.length >= 4, `expected language configurations and grammars, found ${paths.join(', ')}`);
    const missing = paths.filter((p) => !fs.existsSync(resolve(p)));
    assert.deepEqual(missing, [], `missing: ${missing.join(', ')}`);
  });

  it('gives each grammar the scopeName its file declares', () => {
    for (const grammar of contributes.grammars ?? []) {
      const file = JSON.parse(fs.readFileSync(resolve(grammar.path), 'utf8')) as { scopeName?: string };
      assert.equal(file.scopeName, grammar.scopeName, grammar.path);
      if (grammar.language)
        assert.ok(
          contributes.languages?.some((l) => l.id === grammar.language),
          `grammar for unknown language ${grammar.language}`,
        );
    }
  });

  it('matches each grammar test file header to the grammar of its extension', () => {
    const files = grammarTestFiles();
    for (const grammar of contributes.grammars ?? []) {
      const language = contributes.languages?.find((l) => l.id === grammar.language);
      const extensions = language?.extensions ?? [];
      const tests = files.filter((name) => extensions.some((ext) => name.endsWith(`.test${ext}`)));
      assert.ok(
        tests.length > 0,
        `no grammar test file for ${grammar.scopeName} (test/grammar/*.test${extensions[0] ?? ''})`,
      );
      for (const name of tests) {
        const header = fs.readFileSync(resolve(`test/grammar/${name}`), 'utf8').split(/\r?\n/, 1)[0] ?? '';
        const scope = /SYNTAX TEST "([^"]+)"/.exec(header)?.[1];
        assert.equal(scope, grammar.scopeName, `${name} header: ${header}`);
      }
    }
  });

  it('has snippet files that parse as JSON', () => {
    for (const snippet of contributes.snippets ?? []) {
      assert.doesNotThrow(() => JSON.parse(fs.readFileSync(resolve(snippet.path), 'utf8')), snippet.path);
      assert.ok(
        contributes.languages?.some((l) => l.id === snippet.language),
        `snippets for unknown language ${snippet.language}`,
      );
    }
  });

  it('contributes the languages the client selects', () => {
    for (const id of OUR_LANGUAGES)
      assert.ok(
        contributes.languages?.some((l) => l.id === id),
        id,
      );
    assert.deepEqual(contributes.languages?.find((l) => l.id === 'cxone-snippet')?.extensions, ['.snippet']);
    assert.deepEqual(contributes.languages?.find((l) => l.id === 'cxone-studio')?.extensions, ['.studio']);
  });

  describe('settings', () => {
    it('has one property per Settings key, with the server default', () => {
      const expected = expectedPropertyDefaults();
      for (const [key, value] of expected) {
        assert.ok(properties[key], `package.json has no ${key}`);
        assert.deepEqual(properties[key]!.default, value, `default of ${key}`);
      }
      const extra = Object.keys(properties).filter((key) => !expected.has(key) && key !== TRACE_KEY);
      assert.deepEqual(extra, [], 'properties that Settings does not have');
    });

    it('yields DEFAULT_SETTINGS when VS Code nests the defaults and the server sanitizes them', () => {
      assert.deepEqual(sanitizeSettings(nestedDefaults()), DEFAULT_SETTINGS);
    });

    it('declares the types the defaults have', () => {
      for (const [key, property] of Object.entries(properties)) {
        const value = property.default;
        const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
        const declared = Array.isArray(property.type) ? property.type : [property.type];
        const ok = declared.includes(actual) || (actual === 'integer' && declared.includes('number'));
        assert.ok(ok, `${key}: default ${JSON.stringify(value)} is not of type ${String(property.type)}`);
      }
    });

    it('scopes settings per resource (trace per window) and describes each one', () => {
      for (const [key, property] of Object.entries(properties)) {
        assert.equal(property.scope, key === TRACE_KEY ? 'window' : 'resource', key);
        assert.ok((property.markdownDescription ?? '').length > 20, `${key} has no markdownDescription`);
      }
      assert.equal(contributes.configuration?.title, 'Studio Token Lens');
    });

    it('offers exactly the catalog codes and the rule levels in studioTokenLens.rules', () => {
      const rules = properties[`${PREFIX}rules`]!;
      assert.deepEqual(
        rules.propertyNames?.enum,
        CATALOG.map((rule) => rule.code),
      );
      assert.deepEqual(rules.additionalProperties?.enum, ['off', 'error', 'warning', 'information', 'hint']);
      // Every level package.json offers must survive sanitizeSettings.
      for (const level of rules.additionalProperties?.enum ?? []) {
        assert.deepEqual(sanitizeSettings({ rules: { 'syntax-error': level } }).rules, { 'syntax-error': level });
      }
    });

    it('has the trace setting the language client reads', () => {
      assert.deepEqual(properties[TRACE_KEY]?.enum, ['off', 'messages', 'verbose']);
      assert.equal(properties[TRACE_KEY]?.default, 'off');
    });
  });

  describe('commands and activation', () => {
    it('contributes every command the client registers, each with a category', () => {
      const contributed = new Map((contributes.commands ?? []).map((c) => [c.command, c]));
      for (const id of Object.values(COMMANDS)) {
        assert.ok(contributed.has(id), `command ${id} is not contributed`);
        assert.equal(contributed.get(id)!.category, 'Studio Token Lens');
      }
      assert.equal(contributed.get(COMMANDS.restartServer)?.title, 'Restart Language Server');
      assert.equal(contributed.get(COMMANDS.showOutput)?.title, 'Show Output');
    });

    it('references only contributed commands in menus', () => {
      const contributed = new Set((contributes.commands ?? []).map((c) => c.command));
      for (const [menu, items] of Object.entries(contributes.menus ?? {})) {
        for (const item of items)
          if (item.command) assert.ok(contributed.has(item.command), `${menu} refers to ${item.command}`);
      }
    });

    it('relies on implicit activation for its languages and activates on XML for exports', () => {
      const events = manifest.activationEvents ?? [];
      for (const id of OUR_LANGUAGES)
        assert.ok(!events.includes(`onLanguage:${id}`), `onLanguage:${id} is implicit since VS Code 1.74`);
      assert.ok(events.includes('onLanguage:xml'));
      assert.ok(!events.includes('*'), 'never activate on startup');
    });

    it('runs in untrusted workspaces without their token endpoint patterns, and in virtual workspaces', () => {
      // A cloned repository's settings must not choose the regular expressions the analysis runs (issue 16).
      const untrusted = manifest.capabilities?.untrustedWorkspaces;
      assert.equal(untrusted?.supported, 'limited');
      assert.deepEqual(untrusted?.restrictedConfigurations, [`${PREFIX}tokenEndpointPatterns`]);
      assert.ok((untrusted?.description ?? '').length > 20);
      assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    });

    it('pins @types/vscode to the engines minimum', () => {
      const engine = /(\d+\.\d+)/.exec(manifest.engines.vscode)?.[1];
      const types = /(\d+\.\d+)/.exec(manifest.devDependencies?.['@types/vscode'] ?? '')?.[1];
      assert.equal(types, engine);
    });
  });
});
