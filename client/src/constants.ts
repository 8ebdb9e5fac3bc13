import { SETTINGS_SECTION } from '../../server/src/common/settings';
import { SNIPPET_LANGUAGE_ID, GUIDE_LANGUAGE_ID } from '../../server/src/documents/document-kind';

/** Names the client shares with package.json (test/manifest checks they agree). */
export const CLIENT_ID = SETTINGS_SECTION; // also the prefix of the `studioTokenLens.trace.server` setting the client reads
export const CLIENT_NAME = 'Studio Token Lens';
export const OUR_LANGUAGES = [SNIPPET_LANGUAGE_ID, GUIDE_LANGUAGE_ID] as const;

export const COMMANDS = {
  restartServer: 'studioTokenLens.restartServer',
  showOutput: 'studioTokenLens.showOutput',
  decodeJwt: 'studioTokenLens.decodeJwt',
} as const;

export { SETTINGS_SECTION };
