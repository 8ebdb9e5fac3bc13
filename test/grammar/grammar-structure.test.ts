// Structural checks that vscode-textmate would not report: it silently ignores an include of a missing
// repository rule, and a scope without our suffix would be easy to miss in the assertion files.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

interface GrammarRule {
  name?: string;
  contentName?: string;
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  captures?: Record<string, GrammarRule>;
  beginCaptures?: Record<string, GrammarRule>;
  endCaptures?: Record<string, GrammarRule>;
  whileCaptures?: Record<string, GrammarRule>;
  patterns?: GrammarRule[];
}

interface Grammar {
  scopeName: string;
  fileTypes?: string[];
  patterns: GrammarRule[];
  repository: Record<string, GrammarRule>;
  injections?: Record<string, GrammarRule>;
}

interface GrammarExpectation {
  file: string;
  scopeName: string;
  fileType: string;
  suffix: string;
  /** Grammars this one may include by scope name (embedded languages). */
  externalIncludes: string[];
  /** Scopes without our suffix that VS Code gives a meaning to. */
  foreignScopes: string[];
}

const expectations: GrammarExpectation[] = [
  {
    file: 'syntaxes/cxone-snippet.tmLanguage.json',
    scopeName: 'source.cxone-snippet',
    fileType: 'snippet',
    suffix: '.cxone-snippet',
    externalIncludes: [],
    foreignScopes: [],
  },
  {
    file: 'syntaxes/cxone-studio.tmLanguage.json',
    scopeName: 'source.cxone-studio',
    fileType: 'studio',
    suffix: '.cxone-studio',
    externalIncludes: ['source.js'],
    foreignScopes: ['meta.embedded.block.javascript'],
  },
];

function loadGrammar(file: string): Grammar {
  return JSON.parse(readFileSync(path.join(projectRoot, file), 'utf8')) as Grammar;
}

/** Every rule in the grammar, including capture rules and nested patterns. */
function allRules(grammar: Grammar): GrammarRule[] {
  const rules: GrammarRule[] = [];
  const visit = (rule: GrammarRule): void => {
    rules.push(rule);
    for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures, rule.whileCaptures]) {
      for (const capture of Object.values(captures ?? {})) visit(capture);
    }
    for (const child of rule.patterns ?? []) visit(child);
  };
  grammar.patterns.forEach(visit);
  Object.values(grammar.repository).forEach(visit);
  Object.values(grammar.injections ?? {}).forEach(visit);
  return rules;
}

describe('TextMate grammar structure', () => {
  for (const expected of expectations) {
    describe(expected.file, () => {
      const grammar = loadGrammar(expected.file);
      const rules = allRules(grammar);

      it('declares its scope name and file type', () => {
        assert.equal(grammar.scopeName, expected.scopeName);
        assert.deepEqual(grammar.fileTypes, [expected.fileType]);
      });

      it('includes only rules that exist', () => {
        for (const { include } of rules) {
          if (include === undefined || include === '$self' || include === '$base') continue;
          if (include.startsWith('#')) {
            assert.ok(include.slice(1) in grammar.repository, `missing repository rule ${include}`);
          } else {
            assert.ok(expected.externalIncludes.includes(include), `unexpected external include ${include}`);
          }
        }
      });

      it('uses every repository rule', () => {
        const included = new Set(
          rules.flatMap((rule) => (rule.include?.startsWith('#') ? [rule.include.slice(1)] : [])),
        );
        const unused = Object.keys(grammar.repository).filter((key) => !included.has(key));
        assert.deepEqual(unused, []);
      });

      it(`ends every scope it assigns with ${expected.suffix}`, () => {
        for (const rule of rules) {
          for (const scopeList of [rule.name, rule.contentName]) {
            for (const scope of scopeList?.split(/\s+/) ?? []) {
              if (expected.foreignScopes.includes(scope)) continue;
              assert.ok(scope.endsWith(expected.suffix), `scope ${scope} lacks ${expected.suffix}`);
            }
          }
        }
      });

      it('gives every match, begin and end rule a regular expression string', () => {
        for (const rule of rules) {
          for (const regex of [rule.match, rule.begin, rule.end, rule.while]) {
            if (regex !== undefined) assert.equal(typeof regex, 'string');
          }
          if (rule.begin !== undefined) assert.ok(rule.end !== undefined || rule.while !== undefined, rule.begin);
        }
      });
    });
  }

  it('embeds JavaScript in SNIPPET bodies under meta.embedded.block.javascript', () => {
    const studio = loadGrammar('syntaxes/cxone-studio.tmLanguage.json');
    const body = allRules(studio).find((rule) => rule.contentName === 'meta.embedded.block.javascript');
    assert.ok(body, 'no rule with contentName meta.embedded.block.javascript');
    assert.ok(
      body.patterns?.some((rule) => rule.include === 'source.js'),
      'the body does not include source.js',
    );
    const selectors = Object.keys(studio.injections ?? {});
    assert.ok(
      selectors.length > 0 && selectors.every((selector) => selector.includes('meta.embedded.block.javascript')),
    );
  });
});
