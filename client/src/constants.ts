import {
  COMMAND_IDS,
  GUIDE_LANGUAGE_ID,
  SETTINGS_SECTION,
  SNIPPET_LANGUAGE_ID,
} from '../../server/src/common/protocol-ids';

/** Names the client shares with package.json (test/manifest checks they agree). */
// Also the prefix of the `studioTokenLens.trace.server` setting the client reads.
export const CLIENT_ID = SETTINGS_SECTION;
export const CLIENT_NAME = 'Studio Token Lens';
export const OUR_LANGUAGES = [SNIPPET_LANGUAGE_ID, GUIDE_LANGUAGE_ID] as const;
export const COMMANDS = COMMAND_IDS;

export { SETTINGS_SECTION };
