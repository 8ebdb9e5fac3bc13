import * as assert from 'node:assert/strict';
import type { TextRange } from '../../../server/src/common/text-range';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/common/settings';
import { escapeXmlText } from '../../../server/src/syntax/export/xml-escape';
import { Analysis } from '../../../server/src/service';
import { type ExpectedAnnotation, readAnnotated } from '../../helpers/annotated';

export type Kind = 'snippet' | 'guide' | 'export';

const NAMES: Record<Kind, string> = { snippet: 'lookup.snippet', guide: 'ivr.studio', export: 'script.xml' };

export interface Fixture {
  readonly text: string;
  /** The `$0` cursor (fails the test when the fixture has none). */
  readonly cursor: number;
  readonly expected: readonly ExpectedAnnotation[];
  readonly analysis: Analysis;
}

/** Reads a cursor-marker fixture (test/helpers/annotated.ts) and analyses it as a document of `kind`. */
export function fixture(kind: Kind, source: string, settings: Settings = DEFAULT_SETTINGS): Fixture {
  const { text, cursor, expected } = readAnnotated(source);
  const analysis = Analysis.of({ name: NAMES[kind], text }, settings);
  assert.ok(analysis, `not a ${kind} document`);
  return {
    text,
    get cursor(): number {
      assert.ok(cursor !== undefined, 'the fixture has no $0 cursor');
      return cursor;
    },
    expected,
    analysis,
  };
}

/** The annotated ranges with a given label, in document order. */
export function marked(f: Fixture, label: string): TextRange[] {
  return f.expected.filter((e) => e.code === label).map((e) => e.range);
}

/** The texts of ranges, for readable assertions. */
export function texts(text: string, ranges: readonly TextRange[]): string[] {
  return ranges.map((r) => text.slice(r.start, r.end));
}

export interface ActionSpec {
  readonly id: number;
  readonly type: string;
  readonly caption: string;
  /** For a SNIPPET: its code, written into the first `<string>` (escaped). */
  readonly code?: string;
  /** For other actions: their `<string>` parameters, as decoded text (escaped when written). */
  readonly parameters?: readonly string[];
  /** The default next action. */
  readonly next?: number;
}

/**
 * A Desktop Studio export in the shape Studio writes (ScriptContainer, ActionStruct, positional `<string>`
 * parameters, CRLF line breaks and 2-space indentation by default). Code is escaped as Studio escapes it.
 */
export function studioExport(actions: readonly ActionSpec[], eol = '\r\n'): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" BusNo="4599331" UserID="26118">',
    '  <Actions>',
  ];
  actions.forEach((action, i) => {
    const parameters = action.code !== undefined ? [action.code, 'Limit2K'] : (action.parameters ?? []).map((p) => p);
    lines.push(
      '    <ActionStruct>',
      `      <ActionID>${action.id}</ActionID>`,
      `      <Action>${action.type}</Action>`,
      `      <Caption>${escapeXmlText(action.caption)}</Caption>`,
      '      <Parameters>',
      ...parameters.map((p) =>
        p === '' ? '        <string />' : `        <string>${escapeXmlText(p.replace(/\r?\n/g, eol))}</string>`,
      ),
      '      </Parameters>',
      '      <DefaultNextAction>',
      '        <Text />',
      `        <ActionID>${action.next ?? -1}</ActionID>`,
      '        <Index>0</Index>',
      '        <Segments />',
      '      </DefaultNextAction>',
      '      <Branches />',
      '      <Cases />',
      `      <X>64</X>`,
      `      <Y>${48 + 96 * i}</Y>`,
      '    </ActionStruct>',
    );
  });
  lines.push('  </Actions>', '  <MediaType>4</MediaType>', '</ScriptContainer>', '');
  return lines.join(eol);
}

/** The analysis of a document built in code (no annotations). */
export function analysisOf(kind: Kind, text: string, settings: Settings = DEFAULT_SETTINGS): Analysis {
  const analysis = Analysis.of({ name: NAMES[kind], text }, settings);
  assert.ok(analysis, `not a ${kind} document`);
  return analysis;
}
