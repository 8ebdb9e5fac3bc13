/**
 * The one way the product shows a secret or token anywhere (CLI, logs, hovers, messages):
 * its first 4 characters, an ellipsis and its length. Short values show nothing of themselves.
 */
export function maskSecret(value: string): string {
  if (value.length <= 8) return `… (${value.length} chars)`;
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}
