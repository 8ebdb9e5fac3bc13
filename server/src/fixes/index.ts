/**
 * Registers every quick-fix provider with the registry. Imported by fix-all.ts, so the language server (code
 * actions), `studio-lint --fix` and anything else that applies fixes always has them.
 */
import { registerFixProvider } from './registry';
import { tokenReuseFixes } from './token-reuse-without-expiry-fix';

registerFixProvider('token-reuse-without-expiry', tokenReuseFixes);
import { uncheckedAuthStatusFixes } from './unchecked-auth-status-fix';

registerFixProvider('unchecked-auth-status', uncheckedAuthStatusFixes);
import { tokenExpiryNoBufferFixes } from './token-expiry-no-buffer-fix';

registerFixProvider('token-expiry-no-buffer', tokenExpiryNoBufferFixes);
import { refreshWithoutJitterFixes } from './refresh-without-jitter-fix';

registerFixProvider('refresh-without-jitter', refreshWithoutJitterFixes);
import { tokenExpiresInIgnoredFixes } from './token-expires-in-ignored-fix';

registerFixProvider('token-expires-in-ignored', tokenExpiresInIgnoredFixes);
import { resourceTokenExpiryFixes } from './resource-token-expiry-untracked-fix';

registerFixProvider('resource-token-expiry-untracked', resourceTokenExpiryFixes);
import { tokenFetchUncheckedFixes } from './token-fetch-unchecked-fix';

registerFixProvider('token-fetch-unchecked', tokenFetchUncheckedFixes);
import { moveSecretFixes } from './hardcoded-secret-fix';

registerFixProvider('hardcoded-secret', moveSecretFixes);
registerFixProvider('hardcoded-token', moveSecretFixes);
