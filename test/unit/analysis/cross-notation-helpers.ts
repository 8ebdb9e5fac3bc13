import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../../../server/src/common/settings';
import { lintText } from '../../../server/src/service/lint';

/**
 * The same program written three ways: real Snippet (`.snippet`), the guide's notation (`.studio`), and SNIPPET
 * actions of a Desktop Studio XML export. Lines that correspond carry the same marker comment (`// @use`); the
 * diagnostic codes are compared per marker, so the three may differ in everything but what they report where.
 */

/** One step of an export's flow: a SNIPPET action with its code, or another action (MENU, WAIT…) in between. */
export type ExportStep =
  | { readonly snippet: string; readonly caption: string }
  | { readonly action: string; readonly caption: string };

const MARKER = /\/\/\s*@([\w-]+)/;

/** Codes reported on each marked line (`@name` → sorted codes), and codes on unmarked lines under `?line N`. */
export type CodesByMarker = Record<string, string[]>;

export function codesByMarker(fileName: string, text: string, settings: Settings = DEFAULT_SETTINGS): CodesByMarker {
  const linted = lintText(fileName, undefined, text, settings);
  assert.ok(linted, `${fileName} is not a document the linter reads`);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const out: CodesByMarker = {};
  for (const finding of linted.findings) {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= finding.range.start) line++;
    const lineText = text.slice(lineStarts[line], lineStarts[line + 1] ?? text.length);
    const marker = MARKER.exec(lineText)?.[1];
    const key = marker === undefined ? `?line ${line + 1}: ${lineText.trim()}` : `@${marker}`;
    out[key] = [...(out[key] ?? []), finding.code];
  }
  for (const codes of Object.values(out)) codes.sort();
  return out;
}

/** Settings from partial JSON, as a user would write them. */
export function settingsOf(partial: Record<string, unknown> | undefined): Settings {
  return partial ? sanitizeSettings(partial) : DEFAULT_SETTINGS;
}

/** Escapes text for an XML element's content. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Desktop Studio export: BEGIN, then each step in order (each one's default next action is the following one),
 * then HANGUP. SNIPPET code goes, XML-escaped, into the action's first parameter, as Studio writes it.
 */
export function studioExport(steps: readonly ExportStep[]): string {
  const ids = steps.map((_, i) => 2 * (i + 1));
  const hangup = 2 * (steps.length + 1);
  const actions: string[] = [actionXml(1, 'BEGIN', 'Begin', ['', '', ''], ids[0] ?? hangup, 0)];
  steps.forEach((step, i) => {
    const next = ids[i + 1] ?? hangup;
    if ('snippet' in step) {
      actions.push(actionXml(ids[i]!, 'SNIPPET', step.caption, [step.snippet, 'Limit4K'], next, i + 1));
    } else {
      actions.push(actionXml(ids[i]!, step.action, step.caption, [`"%${step.caption}"`], next, i + 1));
    }
  });
  actions.push(actionXml(hangup, 'HANGUP', 'Hangup', [], -1, steps.length + 1));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" BusNo="4599331" UserID="26118">',
    '  <Actions>',
    ...actions,
    '  </Actions>',
    '  <MediaType>4</MediaType>',
    '</ScriptContainer>',
    '',
  ].join('\n');
}

function actionXml(
  id: number,
  type: string,
  caption: string,
  parameters: readonly string[],
  next: number,
  order: number,
): string {
  const params =
    parameters.length === 0
      ? '      <Parameters />'
      : [
          '      <Parameters>',
          ...parameters.map((p) => (p === '' ? '        <string />' : `        <string>${escapeXml(p)}</string>`)),
          '      </Parameters>',
        ].join('\n');
  return [
    '    <ActionStruct>',
    `      <ActionID>${id}</ActionID>`,
    `      <Action>${type}</Action>`,
    `      <Caption>${escapeXml(caption)}</Caption>`,
    params,
    '      <DefaultNextAction>',
    '        <Text />',
    `        <ActionID>${next}</ActionID>`,
    '        <Index>0</Index>',
    '        <Segments />',
    '      </DefaultNextAction>',
    '      <Branches />',
    '      <Cases />',
    `      <X>64</X>`,
    `      <Y>${48 + 96 * order}</Y>`,
    `      <DependencyOrder>${order}</DependencyOrder>`,
    '    </ActionStruct>',
  ].join('\n');
}

/** A program in the three notations, with what each marked line must report. */
export interface EquivalentPrograms {
  readonly name: string;
  readonly snippet: string;
  readonly guide: string;
  readonly export: readonly ExportStep[];
  /** Codes per marker, in every notation (markers without findings are left out). */
  readonly expected: CodesByMarker;
  readonly settings?: Record<string, unknown>;
}

/** Lints the three texts; each must report exactly `expected`, so they report the same. */
export function assertEquivalent(programs: EquivalentPrograms): void {
  const settings = settingsOf(programs.settings);
  const results: [string, CodesByMarker][] = [
    ['.snippet', codesByMarker('program.snippet', programs.snippet, settings)],
    ['.studio', codesByMarker('program.studio', programs.guide, settings)],
    ['export', codesByMarker('program.xml', studioExport(programs.export), settings)],
  ];
  for (const [notation, codes] of results) {
    assert.deepEqual(
      codes,
      programs.expected,
      `${programs.name}: ${notation} reports ${JSON.stringify(codes)}, expected ${JSON.stringify(programs.expected)}`,
    );
  }
}
