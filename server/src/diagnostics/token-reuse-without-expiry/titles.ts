export const CODE = 'token-reuse-without-expiry';
export const STRATEGY_B_TITLE = 'Convert to cached token with proactive refresh (Strategy B)';
export const STRATEGY_A_TITLE = 'Fetch a fresh token before this call (Strategy A)';
