import type { Settings } from '../common/settings';
import type { ParsedDocument } from '../documents/parsed-document';
import type { Finding } from './finding';
import type { Fix } from './fix';

/** Computes the fixes a rule offers for one of its findings. */
export type FixProvider = (document: ParsedDocument, finding: Finding, settings: Settings) => Fix[];

const PROVIDERS = new Map<string, FixProvider>();

/** Each fix module registers itself under the code it fixes. */
export function registerFixProvider(code: string, provider: FixProvider): void {
  PROVIDERS.set(code, provider);
}

/** All fixes for a finding (empty when its rule has none); a provider that fails offers nothing. */
export function fixesFor(document: ParsedDocument, finding: Finding, settings: Settings): Fix[] {
  const provider = PROVIDERS.get(finding.code);
  if (!provider) return [];
  try {
    return provider(document, finding, settings);
  } catch {
    return [];
  }
}
