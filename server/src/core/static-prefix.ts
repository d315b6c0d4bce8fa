// The static text a request starts with: what a provider's prefix cache can reuse from one call to the next.
import { countTokens } from './tokens';
import type { LlmCallSite, PromptRole, Provider } from './types';

export interface StaticPrefix {
  /** The static text in provider order, parts joined by a newline. */
  text: string;
  /** Each part's static text: the provider tokenizes parts apart, so counts add up part by part. */
  pieces: string[];
  /** Roles of the parts that contributed text. */
  roles: Set<PromptRole>;
  /** The prefix ends at a dynamic segment (false: every part up to `through` was static, or there were none). */
  endsAtDynamic: boolean;
  /** With `settings`: the settings read from the environment the prefix holds (`BOT_NAME`), counted by their fallback. */
  settings: string[];
}

/**
 * The static text at the start of a call's input, up to the first dynamic segment.
 * `through: 'system'` stops at the first part that is not tools, system or developer instructions;
 * `through: 'all'` keeps going through static messages (few-shot examples), which providers cache as well.
 * `settings`: a setting read once from the environment (`You are ${BOT_NAME}`) is the same on every request of the
 * process, so it does not end the prefix; its text is taken to be its fallback (none: no text), so counts are a guess.
 */
export function staticPrefix(site: LlmCallSite, through: 'system' | 'all' = 'system', { settings = false } = {}): StaticPrefix {
  const pieces: string[] = [];
  const roles = new Set<PromptRole>();
  const used: string[] = [];
  for (const part of site.prompt) {
    if (through === 'system' && part.role !== 'tools' && part.role !== 'system' && part.role !== 'developer') break;
    let text = '';
    for (const seg of part.segments) {
      if (seg.kind !== 'static' && settings && seg.volatility === 'per-process') {
        used.push(seg.text);
        text += seg.fallback ?? '';
        continue;
      }
      if (seg.kind !== 'static') {
        if (text) pieces.push(text);
        if (text) roles.add(part.role);
        return { text: pieces.join('\n'), pieces, roles, endsAtDynamic: true, settings: used };
      }
      text += seg.text;
    }
    if (text) {
      pieces.push(text);
      roles.add(part.role);
    }
  }
  return { text: pieces.join('\n'), pieces, roles, endsAtDynamic: false, settings: used };
}

/** The prefix's tokens, part by part as the report counts them; approximate when any part's count is. */
export function prefixTokenCount(prefix: StaticPrefix, model: string | null, provider: Provider): { tokens: number; approximate: boolean } {
  let tokens = 0;
  let approximate = false;
  for (const piece of prefix.pieces) {
    const c = countTokens(piece, model, provider);
    tokens += c.tokens;
    approximate ||= c.approximate;
  }
  return { tokens, approximate };
}
