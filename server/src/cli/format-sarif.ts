import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOG, ruleDocUrl, type Severity } from '../service';
import type { CliFinding } from './cli-finding';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** Files under the root become relative references to %SRCROOT%; others absolute file URIs. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** A SARIF 2.1.0 log for code-scanning upload: one run, every rule described, columns in UTF-16 units. */
export function formatSarif(findings: readonly CliFinding[], toolVersion: string, root: string): string {
  const ruleIndex = new Map(CATALOG.map((rule, i) => [rule.code, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'studio-token-lens',
            version: toolVersion,
            semanticVersion: toolVersion,
            rules: CATALOG.map((rule) => ({
              id: rule.code,
              name: rule.code,
              shortDescription: { text: rule.title },
              helpUri: ruleDocUrl(rule.code),
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } },
        results: findings.map((f) => ({
          ruleId: f.code,
          ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file, root),
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
