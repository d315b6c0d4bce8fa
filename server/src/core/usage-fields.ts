// The fields of an LLM response that hold its token usage, shared by the TypeScript and Python front ends. Each front
// end adds the names of its own SDKs and frameworks (AI SDK `totalUsage`, LangChain `response_metadata`, …).
import { escapeRegExp } from './text';

/**
 * Fields of a provider's response, as raw JSON or as an SDK object, that hold the token counts: `usage` (OpenAI and
 * compatible servers, Anthropic `input_tokens` / `output_tokens`, Bedrock Converse and the Anthropic body of
 * invoke_model, Cohere v2 `billed_units`), Gemini's `usageMetadata` (REST, the JavaScript SDKs; `usage_metadata` in
 * google-genai for Python and LangChain messages), and Ollama's counts on the response itself (`prompt_eval_count`,
 * `eval_count`).
 */
export const RESPONSE_USAGE_FIELDS: readonly string[] = ['usage', 'usageMetadata', 'usage_metadata', 'prompt_eval_count', 'eval_count'];

/**
 * Containers whose usage sits one level down, by the fields that hold it there: Cohere v1 bills by
 * `meta.billed_units` (`input_tokens`, `output_tokens`; cohere-ai spells it `meta.billedUnits`) and reports
 * `meta.tokens`; the last event of a Bedrock
 * ConverseStream is `{"metadata": {"usage": …, "metrics": …}}`.
 */
const NESTED_USAGE_FIELDS: Readonly<Record<string, readonly string[]>> = { meta: ['billed_units', 'billedUnits', 'tokens'], metadata: ['usage'] };

/** The fields under `container` that hold the usage (none for most names). */
export function usageFieldsUnder(container: string): readonly string[] {
  return Object.hasOwn(NESTED_USAGE_FIELDS, container) ? NESTED_USAGE_FIELDS[container] : [];
}

const escaped = (names: readonly string[]) => names.map(escapeRegExp).join('|');

/** A field name that is a usage field: the shared ones and a front end's own. */
export function usageFieldName(own: readonly string[] = []): RegExp {
  return new RegExp(`^(${escaped([...RESPONSE_USAGE_FIELDS, ...own])})$`);
}

/**
 * Code that names a usage field somewhere (a stream loop's body, an event handler), or matches a front end's own
 * pattern (the final message of its SDKs' stream helpers, …).
 */
export function namesUsageField(own?: RegExp): RegExp {
  // `tokens` alone names too much; `billed_units` / `billedUnits` are Cohere's only.
  const nested = Object.values(NESTED_USAGE_FIELDS).flat().filter((f) => f !== 'tokens');
  const shared = `\\b(${escaped([...RESPONSE_USAGE_FIELDS, ...nested])})\\b`;
  return new RegExp(own ? `${shared}|${own.source}` : shared);
}
