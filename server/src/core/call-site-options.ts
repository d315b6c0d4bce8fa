// Reading a call's options that every front end reads the same way, once their values are facts.
import { geminiModelInUrl } from './catalog/providers';
import type { ArgsFact, ClientFact, LlmCallSite, ValueFact } from './types';

/** Option names that cap a call's output tokens, in every SDK's spelling. */
export const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens', 'maxTokens', 'maxCompletionTokens'];

/** LangChain chat models hold the model, the output cap and streaming on the client: a call through it inherits them. */
export function inheritLangChainClientOptions(site: LlmCallSite): void {
  if (site.sdk !== 'langchain' || !site.client) return;
  const co = site.client.args.options;
  const m = co.model ?? co.modelName ?? co.model_name;
  // `init_chat_model("openai:gpt-4o")` names the provider before the model.
  if (m) site.model = { value: clientModel(site.client, m.value)?.replace(/^[a-z_]+:/, '') ?? null, span: m.value.span, literal: m.value.kind === 'string' };
  for (const k of MAX_TOKEN_KEYS) {
    const v = co[k]?.value;
    if (v?.kind === 'number') site.maxOutputTokens = v.value;
  }
  const s = co.streaming?.value;
  if (s?.kind === 'boolean' && s.value) site.streaming = true;
}

/**
 * The model a client's model option names: written in place, an environment read's default, or what the front end
 * resolved a constant to.
 */
export function clientModel(client: ClientFact, value: ValueFact): string | null {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'env' && value.fallback?.kind === 'string') return value.fallback.value;
  return client.model ?? null;
}

/**
 * Where a second argument can be inserted: after the options object written in the call, or after a sole plain-name
 * argument (`create(body)`); null when the argument list holds anything else.
 */
export function afterFirstArgument(args: ArgsFact, text: string): number | null {
  if (args.span && !args.detached) return args.span.end;
  const inner = text.slice(args.callArgsSpan.start + 1, args.callArgsSpan.end - 1);
  const m = /^\s*[\w$]+(?:\.[\w$]+)*/.exec(inner);
  if (!m || !/^\s*,?\s*$/.test(inner.slice(m[0].length))) return null;
  return args.callArgsSpan.start + 1 + m[0].length;
}

/** An option the call's spreads may set: any, unless every spread is an object literal that lacks the key. */
export function spreadMaySet(args: ArgsFact, key: string): boolean {
  return args.hasSpread && (!args.literalSpreadKeys || args.literalSpreadKeys.includes(key));
}

/**
 * The request a chat session's send makes (google-genai `chats.create(…)` then `send_message`, @google/genai
 * `sendMessage`): the session's options (`model`, `config`, `history`) under the send's own, so a `config` given to the
 * send replaces the session's. Spans stay where each option is written.
 */
export function chatRequestArgs(creation: ArgsFact, send: ArgsFact): ArgsFact {
  return { ...send, options: { ...creation.options, ...send.options }, hasSpread: send.hasSpread || creation.hasSpread };
}

/**
 * A Hugging Face inference call without a `model` of its own runs the client's: `InferenceClient(model=…)` (Python) or
 * `endpointUrl` (JS). A URL names an Inference Endpoint or a TGI server, not a model: the model is unknown then, and a
 * `model` ending in `:provider` (`Qwen/Qwen2.5-7B:featherless-ai`) names the Inference Provider after the model id.
 */
export function inheritHuggingFaceClientModel(site: LlmCallSite): void {
  if (site.sdk !== 'huggingface') return;
  const own = site.model.value;
  if (own !== null || site.model.span) {
    if (own !== null && /^https?:\/\//.test(own)) site.model = { value: null, span: site.model.span, literal: false };
    else if (own !== null) site.model = { ...site.model, value: own.replace(/:[a-z0-9-]+$/, '') };
    return;
  }
  const m = site.client?.args.options.model ?? site.client?.args.options.base_url ?? site.client?.args.options.endpointUrl;
  if (!m) return;
  const v = m.value;
  if (v.kind === 'string' && !/^https?:\/\//.test(v.value)) site.model = { value: v.value.replace(/:[a-z0-9-]+$/, ''), span: v.span, literal: true };
}

/**
 * Settles a call's usage from what its request hands back (a string, a message without usage), dropping the finer
 * reading the front end made of the result: the binding a fix would log and where the usage was dropped.
 */
export function settleUsage(site: LlmCallSite, usage: LlmCallSite['usage']): void {
  site.usage = usage;
  delete site.resultBinding;
  delete site.usageDroppedBy;
  delete site.usageDroppedIn;
}

/** Gemini's REST API names the model in the request path, not the body: a raw request naming none takes it from there. */
export function modelFromRequestUrl(site: LlmCallSite): void {
  if (site.model.value || site.provider !== 'google' || !site.httpUrl) return;
  const model = geminiModelInUrl(site.httpUrl);
  if (model) site.model = { value: model, literal: false };
}
