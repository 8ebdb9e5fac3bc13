import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { runCli } from '../../../server/src/cli/main';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { Analysis, type FlowDiagram } from '../../../server/src/service';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { readAnnotated } from '../../helpers/annotated';
import { type BuiltAction, buildExport } from '../../helpers/export-builder';
import { exportFixtureFiles } from '../../helpers/export-fixtures';

const ROOT = join(__dirname, '..', '..', '..');

interface Box {
  readonly actionId: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly texts: string[];
}

/**
 * Reads the picture back as a viewer would: every `<g class="node …" data-action-id>` with its box (the rect inside)
 * and its text lines. A strict XML parser, so a picture that is not well-formed SVG fails here.
 */
function readSvg(svg: string): { width: number; height: number; boxes: Box[]; classes: Map<number, string> } {
  const parser = new SaxesParser();
  const boxes: Box[] = [];
  const classes = new Map<number, string>();
  let width = 0;
  let height = 0;
  let current: { actionId: number; texts: string[]; rect?: Record<string, string> } | undefined;
  let inText = false;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === 'svg') {
      const [, , w, h] = attributes.viewBox!.split(' ').map(Number);
      width = w!;
      height = h!;
    } else if (tag.name === 'g' && attributes['data-action-id'] !== undefined) {
      current = { actionId: Number(attributes['data-action-id']), texts: [] };
      classes.set(current.actionId, attributes.class ?? '');
    } else if (current && tag.name === 'rect') {
      current.rect = attributes;
    } else if (current && tag.name === 'text') {
      inText = true;
      current.texts.push('');
    }
  });
  parser.on('text', (text) => {
    if (current && inText) current.texts[current.texts.length - 1] += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'text') inText = false;
    if (tag.name === 'g' && current?.rect) {
      const r = current.rect;
      boxes.push({
        actionId: current.actionId,
        x: Number(r.x),
        y: Number(r.y),
        width: Number(r.width),
        height: Number(r.height),
        texts: current.texts,
      });
      current = undefined;
    }
  });
  parser.write(svg).close();
  assert.equal(error, undefined, 'the SVG is well-formed XML');
  return { width, height, boxes, classes };
}

function assertNoOverlaps(name: string, boxes: readonly Box[], width: number, height: number): void {
  for (const box of boxes) {
    assert.ok(
      box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
      `${name}: action ${box.actionId} lies outside the picture`,
    );
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.ok(!overlap, `${name}: actions ${a.actionId} and ${b.actionId} overlap`);
    }
  }
}

function diagramOf(name: string, text: string): FlowDiagram | undefined {
  return Analysis.of({ name, text }, DEFAULT_SETTINGS)?.flowDiagram();
}

const FIXTURES = exportFixtureFiles().map((file) => ({
  name: relative(ROOT, file),
  text: readAnnotated(readFileSync(file, 'utf8')).text,
}));

describe('flow diagram: the export drawn as SVG', () => {
  it('renders every fixture export: one box per action with its caption, no two boxes overlapping', () => {
    let drawn = 0;
    for (const { name, text } of FIXTURES) {
      const script = readExport(text);
      const diagram = diagramOf(name, text);
      if (!script) {
        assert.equal(diagram, undefined, `${name} is no export: nothing to draw`);
        continue;
      }
      assert.ok(diagram, name);
      const { width, height, boxes } = readSvg(diagram.svg);
      const ids = [...new Set(script.actions.map((a) => a.id))];
      assert.deepEqual(
        boxes.map((b) => b.actionId),
        ids,
        `${name}: every action drawn once, in file order`,
      );
      for (const action of script.actions) {
        const box = boxes.find((b) => b.actionId === action.id)!;
        assert.equal(box.texts[0], `${action.type} ${action.id}`);
        if (action.caption.trim() !== '') assert.ok(box.texts[1]!.startsWith(action.caption.trim().slice(0, 20)));
      }
      assertNoOverlaps(name, boxes, width, height);
      // The boxes the core reports are the ones drawn (the editor's view hit-tests with them).
      assert.deepEqual(
        diagram.boxes.map((b) => [b.actionId, Math.round(b.x), Math.round(b.y)]),
        boxes.map((b) => [b.actionId, Math.round(b.x), Math.round(b.y)]),
      );
      drawn++;
    }
    assert.ok(drawn >= 20, `only ${drawn} exports drawn`);
  });

  it("highlights the token's path, marks long-running actions and labels the use with the worst-case age", () => {
    const name = 'test/fixtures/rules/token-reuse-without-expiry/token-reused-after-an-hour-wait.xml';
    const text = FIXTURES.find((f) => f.name === name)!.text;
    const diagram = diagramOf(name, text)!;
    const { boxes, classes } = readSvg(diagram.svg);
    assert.deepEqual(
      diagram.tokenPaths.map((p) => [p.variable, p.from, p.to, p.age.path]),
      [['accesstoken', 3, 11, [3, 5, 7, 11]]],
    );
    const texts = (id: number) => boxes.find((b) => b.actionId === id)!.texts;
    assert.deepEqual(texts(3), ['SNIPPET 3', 'Get OAuth token', 'acquires accessToken']);
    assert.deepEqual(texts(7), ['WAIT 7', 'Call back slot', 'waits 3600 s']);
    assert.deepEqual(texts(11), ['SNIPPET 11', 'Lookup customer', 'sends accessToken: age ≤ 61 min']);
    assert.match(classes.get(11)!, /\buses-expired\b/, 'older than the one-hour lifetime: drawn as expired');
    assert.match(classes.get(5)!, /\blong-running\b.*\bon-path\b/);
    // The path's links are drawn as token links: BEGIN → token is not on it, 3 → 5 → 7 → 11 are.
    const tokenLinks = diagram.svg.match(/<path class="edge token"/g) ?? [];
    assert.equal(tokenLinks.length, 3);
    // The MENU's case labels are on its links.
    assert.match(diagram.svg, /<text [^>]*>2<\/text>/);
    assert.match(diagram.svg, /<text [^>]*>OnTimeout<\/text>/);
  });

  it('escapes captions: text from the export never becomes markup', () => {
    const text = buildExport([
      { id: 1, type: 'BEGIN', caption: 'Begin', next: 2 },
      { id: 2, type: 'PLAY', caption: '<script>alert("x")</script> & "quotes"', parameters: ['"hi.wav"'], next: 3 },
      { id: 3, type: 'HANGUP', caption: 'Bye' },
    ]);
    const { svg } = diagramOf('x.xml', text)!;
    assert.doesNotMatch(svg, /<script/i);
    const { boxes } = readSvg(svg);
    assert.equal(boxes[1]!.texts[1], '<script>alert("x")</script> & "quot…');
  });

  it('property: generated flows (branches, loops, dangling links) lay out without overlapping boxes', () => {
    const flow = fc
      .array(
        fc.record({
          type: fc.constantFrom('SNIPPET', 'MENU', 'WAIT', 'PLAY', 'IF', 'REQAGENT', 'ASSIGN', 'HANGUP'),
          caption: fc.string({ unit: 'grapheme', maxLength: 50 }),
          links: fc.array(fc.nat({ max: 40 }), { maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 30 },
      )
      .map((actions) =>
        actions.map(
          (a, i): BuiltAction => ({
            id: i + 1,
            type: a.type,
            caption: a.caption,
            parameters: a.type === 'WAIT' ? ['30'] : [],
            ...(a.links[0] !== undefined ? { next: a.links[0] } : {}),
            cases: a.links.slice(1).map((to, k) => ({ text: String(k + 1), to })),
          }),
        ),
      );
    fc.assert(
      fc.property(flow, (actions) => {
        const diagram = diagramOf('generated.xml', buildExport(actions))!;
        const { width, height, boxes } = readSvg(diagram.svg);
        assert.equal(boxes.length, actions.length);
        assertNoOverlaps('generated', boxes, width, height);
      }),
      { numRuns: 60 },
    );
  });

  it('draws nothing for the other notations', () => {
    assert.equal(diagramOf('a.snippet', 'ASSIGN x = 1'), undefined);
  });
});

describe('studio-lint --graph', () => {
  function run(args: string[]): { status: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const status = runCli(
      args,
      (s) => (stdout += s),
      (s) => (stderr += s),
    );
    return { status, stdout, stderr };
  }

  it('writes the same SVG the editor shows to stdout, captions as text', () => {
    const file = join(ROOT, 'examples', 'ivr-token-at-begin-used-after-hold.xml');
    const result = run(['--graph', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, diagramOf(file, readFileSync(file, 'utf8'))!.svg);
    const { boxes } = readSvg(result.stdout);
    assert.ok(boxes.some((b) => b.texts.includes('Get OAuth token')));
    assert.ok(boxes.some((b) => b.texts.includes('Lookup customer')));
  });

  it('refuses what it cannot draw, with exit status 2', () => {
    const notExport = run(['--graph', join(ROOT, 'test', 'fixtures', 'export', 'not-a-studio-export.xml')]);
    assert.equal(notExport.status, 2);
    assert.match(notExport.stderr, /is not a Desktop Studio export/);
    assert.equal(notExport.stdout, '');
    const missing = run(['--graph', join(ROOT, 'no-such-file.xml')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot draw .*no-such-file\.xml/);
    assert.equal(run(['--graph']).status, 2);
    const mixed = run(['--graph', 'a.xml', 'b.xml']);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /--graph draws one export/);
  });
});
