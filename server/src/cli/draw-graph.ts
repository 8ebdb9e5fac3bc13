import type { Settings } from '../common/settings';
import { Analysis } from '../service';
import { readRegularFile } from './read-file';
import { decodeBytes } from './text-encoding';

export type DrawOutcome =
  | { readonly kind: 'drawn'; readonly svg: string }
  | { readonly kind: 'error'; readonly reason: string };

/**
 * `studio-lint --graph FILE`: the export's flow as an SVG (the picture the editor's Show Script Flow shows): actions
 * with their captions, links labelled by branch and case, each token's path from acquisition to use with its
 * worst-case age.
 */
export function drawGraph(file: string, settings: Settings, maxBytes: number): DrawOutcome {
  const read = readRegularFile(file, { maxBytes, followSymlinks: true });
  if (read.kind !== 'read') return { kind: 'error', reason: `cannot draw ${file}: ${read.reason}` };
  const decoding = decodeBytes(read.snapshot.bytes);
  if (decoding.kind === 'unsupported') return { kind: 'error', reason: `cannot draw ${file}: ${decoding.reason}` };
  const analysis = Analysis.of({ name: file, text: decoding.decoded.text }, settings);
  const diagram = analysis?.flowDiagram();
  if (!diagram) return { kind: 'error', reason: `${file} is not a Desktop Studio export (root ScriptContainer)` };
  return { kind: 'drawn', svg: diagram.svg };
}
