import { createHash } from 'node:crypto';
import { SNIPPET_ACTION_SCHEME } from '../common/protocol-ids';

/** What a SNIPPET action tab's URI names: the export and the action. */
export interface ActionTabAddress {
  readonly exportUri: string;
  readonly actionId: number;
}

/** A caption as one path segment: no slashes or control characters, not too long, never empty. */
function segment(caption: string): string {
  const flat = [...caption]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '/' || c === '\\' ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  const short = [...flat].length > 60 ? `${[...flat].slice(0, 59).join('')}…` : flat;
  return short === '' ? 'SNIPPET' : short;
}

/**
 * `studio-snippet-action:/<export file>/<caption> (action <id>).snippet?<export URI>`: the tab's title is the caption
 * and the id, its language `cxone-snippet` (by the extension), its query the export (see SNIPPET_ACTION_SCHEME).
 */
export function actionTabUri(exportUri: string, actionId: number, caption: string): string {
  const exportName = decodeURIComponent(exportUri.replace(/[?#].*$/, '').replace(/^.*\//, '')) || 'export.xml';
  const name = `${segment(caption)} (action ${actionId}).snippet`;
  return (
    `${SNIPPET_ACTION_SCHEME}:/${encodeURIComponent(segment(exportName))}/${encodeURIComponent(name)}` +
    `?${encodeURIComponent(exportUri)}`
  );
}

const TAB_NAME = /\(action (\d{1,15})\)\.snippet$/;

/** The export and action a tab URI names; undefined for any other URI. */
export function parseActionTabUri(uri: string): ActionTabAddress | undefined {
  if (!uri.startsWith(`${SNIPPET_ACTION_SCHEME}:`)) return undefined;
  const query = uri.indexOf('?');
  if (query < 0) return undefined;
  try {
    const path = decodeURIComponent(uri.slice(SNIPPET_ACTION_SCHEME.length + 1, query).replace(/#.*$/, ''));
    const match = TAB_NAME.exec(path);
    const exportUri = decodeURIComponent(uri.slice(query + 1).replace(/#.*$/, ''));
    if (!match || exportUri === '') return undefined;
    return { exportUri, actionId: Number(match[1]) };
  } catch {
    return undefined; // a malformed escape: not one of ours
  }
}

/**
 * What a tab remembers of the export it was read from: a hash of the action's code there. Writing back replaces that
 * code and nothing else, so it is refused exactly when that code changed underneath (edited in the export's editor or
 * another tool, an undo there); edits elsewhere in the export, such as the export edits of a quick fix or a rename
 * made from the tab itself, are kept as they are.
 */
export function actionFingerprint(actionId: number, code: string): string {
  return createHash('sha256').update(`${actionId}\n${code}`).digest('hex');
}
