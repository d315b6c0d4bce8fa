// How a retry waits, read from code text (strings and comments blanked, see code-text.ts).

export const SLEEP = /\b(sleep|delay|wait|backoff)\b/i;
// `**` as an exponent has an operand on its left; `f(**kwargs)` does not.
/**
 * A delay scaled from itself on every pass: `backoff = min(backoff * 2, cap)`, `delay = delay * 1.5`. A factor below 1
 * shrinks the value (`max_tokens = int(max_tokens * 0.8)` asks for a shorter answer): that is no growing wait.
 */
export const SELF_SCALED = /\b(\w+)\s*=(?!=)[^\n;]*?\b\1\s*\*\s*(?!0*\.\d|0\b)\d/;
export const GROWING = /[\w)\]]\s*\*\*|\bpow\(|<<|\*=(?!\s*0*\.\d)|\*\s*\(?\s*(attempt|retry|retries|i|n|tries|try)\b|\b(attempt|retry|retries|i|tries)\s*\*|exponential|backoff_factor/i;
export const JITTER = /random|jitter|uniform/i;
