/** Code templates written by the quick fixes and the VS Code snippets, in both notations. */
export * from './assumptions';
export {
  DEFAULT_LAYOUT,
  notationOf,
  type LineEnding,
  type Notation,
  type TemplateLayout,
  type TemplateOptions,
} from './layout';
export { bufferPlan, type BufferPlan, type RefreshTiming } from './timing';
export {
  bufferedExpiry,
  bufferedExpiryCondition,
  bufferSetting,
  bufferSettingLines,
  DEFAULT_NOW,
  expiresInValue,
  expiryFromExpiresIn,
  expiryFromExpiresInLines,
  jitteredBufferAssignment,
  type BufferSettingOptions,
  type BufferValue,
  type ComparisonOperator,
  type ExpiryConditionOptions,
  type ExpiryFromExpiresInOptions,
  type JitteredBufferOptions,
} from './pieces';
export {
  INTEGRATION_HUB_NOTE,
  movedSecretComment,
  movedSecretCommentText,
  secretSubstitution,
  type MovedSecret,
} from './secret';
export {
  cacheNameFor,
  DEFAULT_CLIENT_ID_NAME,
  DEFAULT_CLIENT_SECRET_NAME,
  expiryNameFor,
  integrationStem,
  tokenNamesFor,
  type TokenNames,
} from './token-names';
export {
  clientCredentialsBody,
  DEFAULT_TOKEN_URL,
  defaultTokenRequestNames,
  tokenExchangeBody,
  type TokenRequestNames,
} from './token-request';
export {
  defaultTokenStatusCheckNames,
  tokenStatusCheck,
  type TokenStatusCheckNames,
  type TokenStatusCheckOptions,
} from './token-status-check';
export { bearerValue, defaultApiCallNames, type ApiCallNames } from './api-call';
export type { GuideBlockOptions } from './guide-block';
export { defaultStrategyBNames, strategyB, type StrategyBNames, type StrategyBOptions } from './strategy-b';
export { defaultStrategyANames, strategyA, type StrategyANames, type StrategyAOptions } from './strategy-a';
export {
  authStatusHandler,
  defaultAuthStatusHandlerNames,
  type AuthStatusHandlerNames,
  type AuthStatusHandlerOptions,
} from './auth-status-handler';
export {
  defaultTwoStepTokenNames,
  twoStepToken,
  type TwoStepTokenNames,
  type TwoStepTokenOptions,
} from './two-step-token';
export {
  defaultTokenProxyCallNames,
  tokenProxyCall,
  type TokenProxyCallNames,
  type TokenProxyCallOptions,
} from './token-proxy-call';
export {
  REGENERATE_COMMAND,
  renderSnippetFiles,
  SNIPPET_FILES,
  vsCodeSnippets,
  type VsCodeSnippet,
} from './vscode-snippets';
export { NO_TOKEN_ERROR, tokenGuard, type TokenGuardOptions } from './token-guard';
