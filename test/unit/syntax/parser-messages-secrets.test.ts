import { strict as assert } from 'node:assert';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { escapeXmlText } from '../../../server/src/syntax/export/xml-escape';
import { parseGuide } from '../../../server/src/syntax/guide';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { PLANTED_SECRETS, type PlantedSecret } from '../common/planted-secrets';

/**
 * Every parser message that quotes source text goes through quoteSource: a secret planted anywhere a syntax error
 * can quote it never comes out whole, nor as any 12-character piece of it (a mask shows its first 4 characters).
 */

/** Real Snippet code around a secret `S`: broken statements, operators, strings, calls, loops, junk. */
const SNIPPET_POSITIONS: readonly string[] = [
  '§',
  '§ §',
  'ASSIGN §',
  'ASSIGN § §',
  'ASSIGN token = § §',
  'ASSIGN token = "§',
  'ASSIGN token = "Bearer {§"',
  'ASSIGN token = "{a §}"',
  '§ += 1',
  '§.x += 1',
  'x = § == 1',
  'IF § <> 1 { x = 1 }',
  'IF x = 1 THEN §',
  'ASSIGN y = a[§ §]',
  'proxy.AddHeader("Authorization", § §)',
  'proxy.AddHeader("Authorization", "Bearer §"',
  'FUNCTION f(§ §) { RETURN § }',
  'FOR § IN list { }',
  'FOREACH item § { }',
  'USES §',
  'TRACE § §',
  '@§',
  '#§',
  '?§',
  'ASSIGN x = §.',
  'SWITCH x { § }',
];

/** The guide's notation around a secret: script lines, SNIPPET bodies, regular expressions, templates. */
const GUIDE_POSITIONS: readonly string[] = [
  '§',
  'ASSIGN §',
  'ASSIGN § §',
  'SET § =',
  'ASSIGN strToken = § §',
  'ASSIGN strToken = "§',
  'ASSIGN strToken = `Bearer ${§',
  'DECISION "§ = 1',
  'YES --> [§] §',
  'PLAY "§" §',
  'SNIPPET\nvar t = § §;\nEND SNIPPET',
  'SNIPPET\nSET §\nEND SNIPPET',
  'SNIPPET\nSET § = ;\nEND SNIPPET',
  'SNIPPET\nlet § = 1; let § = 2;\nEND SNIPPET',
  'SNIPPET\nvar r = /§(/;\nEND SNIPPET',
  'SNIPPET\nvar r = /§/§;\nEND SNIPPET',
  'SNIPPET\nreq.headers["Authorization"] = "Bearer §;\nEND SNIPPET',
  'SNIPPET\nvar h = `Bearer ${§`;\nEND SNIPPET',
  'SNIPPET\nvar x = §\u0007 §;\nEND SNIPPET',
  'SNIPPET\n§: §: x;\nEND SNIPPET',
  'END SNIPPET §',
];

/** A Desktop Studio export whose XML breaks around a SNIPPET action holding the secret. */
function exportAround(secret: string, broken: (action: string) => string): string {
  const action = [
    '    <ActionStruct>',
    '      <ActionID>2</ActionID>',
    '      <Action>SNIPPET</Action>',
    `      <Caption>${escapeXmlText(secret)}</Caption>`,
    '      <Parameters>',
    `        <string>ASSIGN token = "${escapeXmlText(secret)}"\n§ §</string>`,
    '      </Parameters>',
    '    </ActionStruct>',
  ].join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer>',
    '  <Actions>',
    broken(action),
    '  </Actions>',
    '</ScriptContainer>',
  ].join('\n');
}

const EXPORT_BREAKS: Readonly<Record<string, (secret: string) => (action: string) => string>> = {
  'an unknown entity': (s) => (a) => a.replace('</Caption>', `&${s};</Caption>`),
  'a mismatched closing tag': (s) => (a) => a.replace('</Caption>', `</${s}>`),
  'an element left open': (s) => (a) => `${a}\n<${s}>`,
  'a duplicate attribute': (s) => (a) => a.replace('<ActionStruct>', `<ActionStruct ${s}="1" ${s}="2">`),
  'a bare ampersand': (s) => (a) => a.replace('</Caption>', ` & ${s}</Caption>`),
  'a character reference XML forbids': (s) => (a) => a.replace('</Caption>', `&#0;${s}</Caption>`),
  'well-formed, with broken Snippet code': () => (a) => a,
};

/** The parts of `credential` no message may contain: all of it, and every 12-character piece. */
function pieces(credential: string): string[] {
  const found = [credential];
  for (let i = 0; i + 12 <= credential.length; i++) found.push(credential.slice(i, i + 12));
  return found;
}

function leaksIn(messages: readonly string[], secret: PlantedSecret): string[] {
  const parts = pieces(secret.credential);
  return messages.filter((m) => parts.some((p) => m.includes(p)));
}

function plant(template: string, secret: string): string {
  return template.replaceAll('§', secret);
}

describe('parser messages never show a planted secret', () => {
  for (const [kind, secret] of Object.entries(PLANTED_SECRETS)) {
    describe(kind, () => {
      it('in real Snippet code', () => {
        for (const template of SNIPPET_POSITIONS) {
          const messages = parseSnippet(plant(template, secret.value)).errors.map((e) => e.message);
          assert.ok(messages.length > 0, `no error for ${template}`);
          assert.deepEqual(leaksIn(messages, secret), [], template);
        }
      });

      it("in the guide's notation", () => {
        let withErrors = 0;
        for (const template of GUIDE_POSITIONS) {
          const messages = parseGuide(plant(template, secret.value)).errors.map((e) => e.message);
          if (messages.length > 0) withErrors++;
          assert.deepEqual(leaksIn(messages, secret), [], template);
        }
        // A bare credential line can read as an action (`Bearer …`): not every position is an error.
        assert.ok(withErrors >= GUIDE_POSITIONS.length - 2, `${withErrors} positions with errors`);
      });

      for (const [broken, make] of Object.entries(EXPORT_BREAKS)) {
        it(`in an export with ${broken} around a SNIPPET action`, () => {
          const text = exportAround(secret.value, make(secret.value)).replaceAll('§', secret.value);
          const exported = readExport(text);
          assert.ok(exported, 'read as an export');
          const messages = [
            ...exported.errors.map((e) => e.message),
            ...exported.snippets.flatMap((s) => parseSnippet(s.code).errors.map((e) => e.message)),
          ];
          assert.ok(messages.length > 0, 'an error is reported');
          assert.deepEqual(leaksIn(messages, secret), []);
        });
      }
    });
  }

  it('shows ordinary names as written, so messages stay useful', () => {
    assert.deepEqual(
      parseSnippet('ASSIGN accessToken').errors.map((e) => e.message),
      ['Expected = after ASSIGN accessToken'],
    );
    assert.deepEqual(
      parseSnippet('accessToken "x"').errors.map((e) => e.message),
      [
        'Expected = after accessToken: a statement is an assignment (accessToken = value), ' +
          'a call such as accessToken.method(…), or starts with a keyword',
      ],
    );
    const jwt = PLANTED_SECRETS.JWT.value;
    const [first] = parseSnippet(`${jwt} "x"`).errors.map((e) => e.message);
    assert.equal(
      first,
      `Expected = after ${PLANTED_SECRETS.JWT.masked}: a statement is an assignment (name = value), ` +
        'a call such as name.method(…), or starts with a keyword',
    );
  });
});
