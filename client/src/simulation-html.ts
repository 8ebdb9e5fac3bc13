import { SIMULATION_DATA_ID } from './simulation-messages';

export interface SimulationPage {
  /** The webview's `cspSource`: where its stylesheet comes from. */
  readonly cspSource: string;
  /** A fresh random value per page, carried by the one script. */
  readonly nonce: string;
  /** The view's script and stylesheet (client/out/simulation-view.js and .css) as webview URIs. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  /** The report as JSON. */
  readonly reportJson: string;
}

/**
 * The page: a strict content security policy (nothing by default; the view's script by nonce, its stylesheet from
 * the extension; no inline code or style), the report in a JSON data block (a data block never runs: the script reads
 * it), and the script, which builds everything else.
 */
export function simulationHtml(page: SimulationPage): string {
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">`,
    '</head>',
    '<body>',
    `<script type="application/json" id="${SIMULATION_DATA_ID}">${escapeJsonForScript(page.reportJson)}</script>`,
    `<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * JSON inside a script element: `<` as `\u003c`, so that no string in it (a URL, an action caption) can close the
 * element or open a comment; it still parses to the same value.
 */
export function escapeJsonForScript(json: string): string {
  return json.replace(/</g, '\\u003c');
}
