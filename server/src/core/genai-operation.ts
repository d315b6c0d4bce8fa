// The `gen_ai.operation.name` a fix writes for a call, by the API the call uses.

import type { LlmCallSite } from './types';

/**
 * Well-known values of the GenAI semantic conventions (open-telemetry/semantic-conventions
 * docs/registry/attributes/gen-ai.md, read 2026-12-03): `generate_content` is Gemini's Generate Content,
 * `text_completion` a prompt-completion API "such as OpenAI Completions API (Legacy)", `chat` a chat completion.
 */
export type GenAiOperation = 'chat' | 'text_completion' | 'generate_content';

/** OpenAI's legacy Completions API: openai-python < 1.0, the `completions` resource, and the Node SDK 3.x. */
const OPENAI_COMPLETIONS = new Set(['Completion.create', 'Completion.acreate', 'completions.create', 'createCompletion']);

export function genAiOperation(site: Pick<LlmCallSite, 'sdk' | 'method' | 'provider'>): GenAiOperation {
  if (site.sdk === 'google-genai' || site.sdk === 'google-generativeai' || (site.sdk === 'http' && site.provider === 'google')) return 'generate_content';
  // ollama's and Cohere's `generate()` and huggingface_hub's `text_generation()` complete a prompt, too.
  if ((site.sdk === 'ollama' || site.sdk === 'cohere') && /^generate(?:_?[sS]tream)?$/.test(site.method)) return 'text_completion';
  if (site.sdk === 'huggingface' && /^(?:text_generation|textGeneration)/.test(site.method)) return 'text_completion';
  if (site.sdk === 'openai' && OPENAI_COMPLETIONS.has(site.method)) return 'text_completion';
  return 'chat';
}
