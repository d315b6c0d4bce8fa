// LangChain prompt-template fields and `init_chat_model` / `initChatModel` classes, shared by the TypeScript and Python
// front ends.
import { classifyVolatility } from './volatility';
import type { Provider, Span, Volatility } from './types';

/**
 * `init_chat_model` / `initChatModel` providers we model, by LangChain's provider key, per language (`only`: the one
 * language whose front end knows that class). LangChain.js keys and classes as langchain 0.3.37
 * dist/chat_models/universal.js `_initChatModelHelper` imports them (npm, read 2026-12-02).
 */
const INIT_CHAT_MODEL_CLASSES: Record<string, { className: string; provider: Provider; only?: 'python' | 'typescript' }> = {
  openai: { className: 'ChatOpenAI', provider: 'openai' },
  azure_openai: { className: 'AzureChatOpenAI', provider: 'azure-openai' },
  anthropic: { className: 'ChatAnthropic', provider: 'anthropic' },
  google_genai: { className: 'ChatGoogleGenerativeAI', provider: 'google', only: 'python' },
  'google-genai': { className: 'ChatGoogleGenerativeAI', provider: 'google', only: 'typescript' },
  'google-vertexai': { className: 'ChatVertexAI', provider: 'google', only: 'typescript' },
  'google-vertexai-web': { className: 'ChatVertexAI', provider: 'google', only: 'typescript' },
  ollama: { className: 'ChatOllama', provider: 'ollama', only: 'typescript' },
  groq: { className: 'ChatGroq', provider: 'groq', only: 'typescript' },
  mistralai: { className: 'ChatMistralAI', provider: 'mistral', only: 'typescript' },
  bedrock: { className: 'ChatBedrockConverse', provider: 'bedrock', only: 'typescript' },
  deepseek: { className: 'ChatDeepSeek', provider: 'deepseek', only: 'typescript' },
};

/**
 * The chat model class `init_chat_model(...)` / `initChatModel(...)` builds: from the provider given
 * (`model_provider=` / `modelProvider`), a `provider:model` string, or the model name (`gpt-…`/`o1…` → ChatOpenAI,
 * `claude…` → ChatAnthropic, as LangChain infers them); null when unknown, or when the provider is given but not
 * as a literal.
 */
/**
 * The class name given to an `init_chat_model` whose model is chosen at run time (configurable fields, a model read
 * from settings): a LangChain chat model whose class, and so whose SDK defaults, cannot be told.
 */
export const RUNTIME_CHAT_MODEL_CLASS = 'BaseChatModel';

export function initChatModelTarget(modelText: string | null, given: { literal: string | null } | null, language: 'typescript' | 'python'): { className: string; provider: Provider } | null {
  let key = given ? given.literal : null;
  if (given && key === null) return null;
  if (!key && modelText?.includes(':')) key = modelText.slice(0, modelText.indexOf(':'));
  if (!key && modelText) key = /^(gpt-|o\d|chatgpt)/i.test(modelText) ? 'openai' : /^claude/i.test(modelText) ? 'anthropic' : null;
  const cls = key ? INIT_CHAT_MODEL_CLASSES[key] : undefined;
  return cls && (!cls.only || cls.only === language) ? { className: cls.className, provider: cls.provider } : null;
}

/** LangChain's f-string fields: `{name}` (or `{name:spec}`) is a field, `{{` and `}}` are braces. */
export function splitFields(text: string): Array<{ text: string; field?: string }> {
  const out: Array<{ text: string; field?: string }> = [];
  let buf = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      buf += c;
      i++;
      continue;
    }
    if (c === '{') {
      const m = /^\{([A-Za-z_]\w*)(?:[!:][^}]*)?\}/.exec(text.slice(i));
      if (m) {
        out.push({ text: buf });
        buf = '';
        out.push({ text: '', field: m[1] });
        i += m[0].length - 1;
        continue;
      }
    }
    buf += c;
  }
  out.push({ text: buf });
  return out;
}

/** How a field's value varies: by what computes it, else by the field's name (`{current_time}`, `{user_id}`). */
export function fieldVolatility(value: string, field: string): Volatility {
  const v = classifyVolatility(value);
  return v === 'per-request' ? classifyVolatility(field) : v;
}

/**
 * A static template text cut at its fields, each piece with a span: exact when every field is found written in
 * `source` (the text's own source, from `span.start`), so a fix can edit inside the literal; otherwise every piece
 * takes the text's span.
 */
export function fieldPieces(text: string, span: Span, source: string): Array<{ text: string; span: Span; field?: string }> {
  const pieces = splitFields(text);
  const at: number[] = [];
  let cursor = 0;
  for (const p of pieces) {
    if (!p.field) continue;
    // `{name}`, not the literal braces of `{{name}}`.
    const re = new RegExp(`(?<!\\{)\\{${p.field}\\}(?!\\})`, 'g');
    re.lastIndex = cursor;
    const i = re.exec(source)?.index ?? -1;
    at.push(i);
    if (i >= 0) cursor = i + p.field.length + 2;
  }
  const precise = at.every((i) => i >= 0);
  const out: Array<{ text: string; span: Span; field?: string }> = [];
  let k = 0;
  let from = span.start;
  for (let j = 0; j < pieces.length; j++) {
    const p = pieces[j];
    if (p.field) {
      const start = span.start + at[k++] + 1;
      const fieldSpan = precise ? { start, end: start + p.field.length } : span;
      out.push({ text: '', span: fieldSpan, field: p.field });
      if (precise) from = fieldSpan.end + 1;
      continue;
    }
    if (!p.text) continue;
    const next = pieces.slice(j + 1).some((q) => q.field) ? span.start + at[k] : span.end;
    out.push({ text: p.text, span: precise ? { start: from, end: next } : span });
  }
  return out;
}
