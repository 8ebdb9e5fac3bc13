/**
 * Registers every quick-fix provider with the registry, under the code it fixes. fix-all.ts imports this module, so
 * everything that applies fixes (the language server's code actions, `studio-lint --fix`) has them.
 */
import { moveSecretFixes } from './hardcoded-secret/fix';
import { refreshWithoutJitterFixes } from './refresh-without-jitter/fix';
import { registerFixProvider } from './fix-registry';
import { resourceTokenExpiryFixes } from './resource-token-expiry-untracked/fix';
import { tokenExpiresInIgnoredFixes } from './token-expires-in-ignored/fix';
import { tokenExpiryNoBufferFixes } from './token-expiry-no-buffer/fix';
import { tokenFetchUncheckedFixes } from './token-fetch-unchecked/fix';
import { tokenReuseFixes } from './token-reuse-without-expiry/fix';
import { uncheckedAuthStatusFixes } from './unchecked-auth-status/fix';

registerFixProvider('token-reuse-without-expiry', tokenReuseFixes);
registerFixProvider('unchecked-auth-status', uncheckedAuthStatusFixes);
registerFixProvider('token-expiry-no-buffer', tokenExpiryNoBufferFixes);
registerFixProvider('token-expires-in-ignored', tokenExpiresInIgnoredFixes);
registerFixProvider('refresh-without-jitter', refreshWithoutJitterFixes);
registerFixProvider('resource-token-expiry-untracked', resourceTokenExpiryFixes);
registerFixProvider('token-fetch-unchecked', tokenFetchUncheckedFixes);
registerFixProvider('hardcoded-secret', moveSecretFixes);
registerFixProvider('hardcoded-token', moveSecretFixes);
