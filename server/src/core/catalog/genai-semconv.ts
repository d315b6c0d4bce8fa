// Deprecated OpenTelemetry GenAI attribute names and what replaced them: dated data, not rule code.
//
// Read from `open-telemetry/semantic-conventions` `model/gen-ai/deprecated/registry-deprecated.yaml` and
// `docs/registry/attributes/gen-ai.md` at the parent of commit c9e48b1 (2026-05-05); in that commit the GenAI
// conventions moved to `open-telemetry/semantic-conventions-genai`. Status: Development.

import type { Dated } from './models';

export interface DeprecatedGenAiAttribute {
  /** The attribute name as the registry deprecates it. */
  name: string;
  /**
   * The name that replaces it when the registry says `reason: renamed` and the value keeps its meaning and
   * values: a fix may rename the key. Absent when the attribute was removed, or replaced by something whose
   * values differ, so a rename alone would be wrong.
   */
  renamedTo?: string;
  /** What to use instead, in words, when there is no plain rename. */
  instead?: string;
}

export const GENAI_SEMCONV_SOURCE: Dated = {
  source: 'open-telemetry/semantic-conventions model/gen-ai/deprecated/registry-deprecated.yaml, docs/registry/attributes/gen-ai.md @ parent of c9e48b1',
  asOf: '2026-05-05',
};

/** Exact deprecated names. */
export const DEPRECATED_GENAI_ATTRIBUTES: Readonly<Record<string, DeprecatedGenAiAttribute>> = {
  'gen_ai.usage.prompt_tokens': { name: 'gen_ai.usage.prompt_tokens', renamedTo: 'gen_ai.usage.input_tokens' },
  'gen_ai.usage.completion_tokens': { name: 'gen_ai.usage.completion_tokens', renamedTo: 'gen_ai.usage.output_tokens' },
  'gen_ai.system': { name: 'gen_ai.system', renamedTo: 'gen_ai.provider.name' },
  // "Removed, no replacement at this time" in the registry; message content now goes in the opt-in
  // structured attributes (or events).
  'gen_ai.prompt': { name: 'gen_ai.prompt', instead: '`gen_ai.input.messages` (opt-in message content)' },
  'gen_ai.completion': { name: 'gen_ai.completion', instead: '`gen_ai.output.messages` (opt-in message content)' },
  'gen_ai.openai.request.seed': { name: 'gen_ai.openai.request.seed', renamedTo: 'gen_ai.request.seed' },
  // Renamed to gen_ai.output.type, but the well-known values changed too (json_object / json_schema → json),
  // so renaming the key alone would record values the new attribute does not define.
  'gen_ai.openai.request.response_format': {
    name: 'gen_ai.openai.request.response_format',
    instead: '`gen_ai.output.type` (whose values are `text`, `json`, `image`, `speech`, not `json_object` / `json_schema`)',
  },
  'gen_ai.openai.request.service_tier': { name: 'gen_ai.openai.request.service_tier', renamedTo: 'openai.request.service_tier' },
  'gen_ai.openai.response.service_tier': { name: 'gen_ai.openai.response.service_tier', renamedTo: 'openai.response.service_tier' },
  'gen_ai.openai.response.system_fingerprint': { name: 'gen_ai.openai.response.system_fingerprint', renamedTo: 'openai.response.system_fingerprint' },
};

/** The whole `gen_ai.openai.*` namespace is deprecated; names not listed above have no known replacement. */
const DEPRECATED_PREFIXES: ReadonlyArray<{ prefix: string; instead: string }> = [
  { prefix: 'gen_ai.openai.', instead: 'the `openai.*` attributes or the provider-neutral `gen_ai.*` ones' },
];

/** A name written like a GenAI attribute key: `gen_ai.usage.input_tokens`, not `gen_ai.usage.x was missing`. */
export const GENAI_ATTRIBUTE_NAME = /^gen_ai(\.[a-z0-9_]+)+$/;

/** The deprecation entry for an attribute name, or undefined when the name is current or unknown. */
export function deprecatedGenAiAttribute(name: string): DeprecatedGenAiAttribute | undefined {
  if (Object.hasOwn(DEPRECATED_GENAI_ATTRIBUTES, name)) return DEPRECATED_GENAI_ATTRIBUTES[name];
  const prefix = DEPRECATED_PREFIXES.find((p) => name.startsWith(p.prefix));
  return prefix ? { name, instead: prefix.instead } : undefined;
}
