import { ts } from './compiler';
import type { Provider, Sdk } from '../../core/types';

/** What a local name imported from an LLM package stands for. */
export type SdkBinding =
  // `module`: the package, where two packages export one class name (`OpenAIApi` from 'openai' 3.x and 'openai-edge').
  | { kind: 'client-class'; sdk: Sdk; provider: Provider; className: string; module?: string }
  | { kind: 'ai-function'; name: string }
  | { kind: 'ai-provider'; provider: Provider; name: string; factory: boolean }
  // AI SDK agent classes: `new ToolLoopAgent({ model, instructions, tools })` holds the settings of every model request
  // its `generate()` / `stream()` runs make.
  | { kind: 'ai-agent'; className: string }
  | { kind: 'namespace'; module: string }
  // LangChain's `initChatModel('gpt-4o', { modelProvider, …fields })`: a chat model whose class the arguments decide.
  | { kind: 'init-chat-model' }
  // A Bedrock Runtime command class (`new ConverseCommand(input)`), sent by a `BedrockRuntimeClient`'s `send`.
  | { kind: 'bedrock-command'; name: string; streaming: boolean }
  // The OpenAI Agents SDK for JavaScript: `new Agent({ model, … })` holds the settings of every model request its runs
  // make; the other names configure those runs (see openai-agents.ts).
  | { kind: 'openai-agents'; name: OpenAIAgentsName }
  // Firebase Genkit's `genkit({ plugins, model })`: the instance whose `generate` / `generateStream` call a model.
  | { kind: 'genkit' }
  // Mastra's `new Agent({ model, instructions, tools })`: the settings of every model request its runs make (mastra.ts).
  | { kind: 'mastra-agent' };

/** The exports of the JavaScript OpenAI Agents SDK the front end reads. */
export type OpenAIAgentsName = 'Agent' | 'run' | 'Runner' | 'setTracingDisabled' | 'setDefaultOpenAIClient' | 'OpenAIChatCompletionsModel' | 'OpenAIResponsesModel';
const AGENTS_NAMES: readonly OpenAIAgentsName[] = ['Agent', 'run', 'Runner', 'setTracingDisabled', 'setDefaultOpenAIClient', 'OpenAIChatCompletionsModel', 'OpenAIResponsesModel'];
// `@openai/agents` re-exports agents-core (Agent, run, Runner, tracing) and agents-openai (the OpenAI models and client).
const agentsExports = (): ModuleExports => ({ named: Object.fromEntries(AGENTS_NAMES.map((name) => [name, { kind: 'openai-agents', name } satisfies SdkBinding])) });

interface ModuleExports {
  default?: SdkBinding;
  named: Record<string, SdkBinding>;
}

const openaiClass = (className: string, provider: Provider = 'openai'): SdkBinding => ({ kind: 'client-class', sdk: 'openai', provider, className });
const anthropicClass = (className: string): SdkBinding => ({ kind: 'client-class', sdk: 'anthropic', provider: 'anthropic', className });
const lcClass = (className: string, provider: Provider): SdkBinding => ({ kind: 'client-class', sdk: 'langchain', provider, className });
// The deprecated ChatOllama of @langchain/community (and of langchain 0.0.x) is a SimpleChatModel: its messages carry no usage.
const communityOllama: SdkBinding = { kind: 'client-class', sdk: 'langchain', provider: 'ollama', className: 'ChatOllama', module: '@langchain/community/chat_models/ollama' };
/** A provider's own SDK with openai-node's shape, exported both as the default and under its class name. */
function openaiShapedModule(provider: Provider, className: string, module: string): ModuleExports {
  const binding: SdkBinding = { kind: 'client-class', sdk: 'openai', provider, className, module };
  return { default: binding, named: { [className]: binding } };
}
/** A LlamaIndex.TS LLM class (`module`: the package it was imported from, `llamaindex` itself or a provider package). */
const llamaIndexClass = (className: string, provider: Provider, module: string): SdkBinding => ({ kind: 'client-class', sdk: 'llamaindex', provider, className, module });
const aiFn = (name: string): SdkBinding => ({ kind: 'ai-function', name });
const aiProvider = (provider: Provider, name: string, factory: boolean): SdkBinding => ({ kind: 'ai-provider', provider, name, factory });

/** The LLM packages the TypeScript front end recognises, and what each export is. */
export const SDK_MODULES: Record<string, ModuleExports> = {
  openai: {
    default: openaiClass('OpenAI'),
    // `OpenAIApi` is the openai@3.x client (`new OpenAIApi(new Configuration({ apiKey, basePath }))`).
    named: { OpenAI: openaiClass('OpenAI'), AzureOpenAI: openaiClass('AzureOpenAI', 'azure-openai'), OpenAIApi: openaiClass('OpenAIApi') },
  },
  // Vercel's fetch port of openai@3.x for edge runtimes: the same `Configuration` / `OpenAIApi` API, but each method
  // makes one `fetch` and resolves to its `Response` (the body, usage included, is `await res.json()`).
  'openai-edge': { named: { OpenAIApi: { kind: 'client-class', sdk: 'openai', provider: 'openai', className: 'OpenAIApi', module: 'openai-edge' } } },
  // Together AI's and Groq's Stainless clients: openai-node's shape (`chat.completions.create`, `{ timeout, maxRetries }`
  // per client and per request) with defaults of their own (catalogue `together`, `groq`).
  'together-ai': openaiShapedModule('together', 'Together', 'together-ai'),
  'groq-sdk': openaiShapedModule('groq', 'Groq', 'groq-sdk'),
  // Mistral's own SDK: `new Mistral({ apiKey, serverURL, timeoutMs })` (1.x and later); 0.x's default export is the
  // legacy `MistralClient(apiKey, endpoint, maxRetries, timeout)`.
  '@mistralai/mistralai': {
    default: { kind: 'client-class', sdk: 'mistral', provider: 'mistral', className: 'MistralClient' },
    named: { Mistral: { kind: 'client-class', sdk: 'mistral', provider: 'mistral', className: 'Mistral' } },
  },
  '@anthropic-ai/sdk': { default: anthropicClass('Anthropic'), named: { Anthropic: anthropicClass('Anthropic') } },
  '@anthropic-ai/bedrock-sdk': { default: anthropicClass('AnthropicBedrock'), named: { AnthropicBedrock: anthropicClass('AnthropicBedrock') } },
  '@anthropic-ai/vertex-sdk': { default: anthropicClass('AnthropicVertex'), named: { AnthropicVertex: anthropicClass('AnthropicVertex') } },
  ai: {
    named: {
      generateText: aiFn('generateText'), streamText: aiFn('streamText'), generateObject: aiFn('generateObject'), streamObject: aiFn('streamObject'),
      // AI SDK 3.x names, still common in deployed apps.
      experimental_generateText: aiFn('generateText'), experimental_streamText: aiFn('streamText'),
      experimental_generateObject: aiFn('generateObject'), experimental_streamObject: aiFn('streamObject'),
      // AI SDK 6 (`ToolLoopAgent`) and AI SDK 5 (`Experimental_Agent`, often imported `as Agent`). The 5.0 and 6.0
      // prereleases named the class `Agent`, then `BasicAgent`; from 6.0 on `Agent` is an interface, which cannot be `new`ed.
      ToolLoopAgent: { kind: 'ai-agent', className: 'ToolLoopAgent' }, Experimental_Agent: { kind: 'ai-agent', className: 'Experimental_Agent' },
      Agent: { kind: 'ai-agent', className: 'Agent' }, BasicAgent: { kind: 'ai-agent', className: 'BasicAgent' },
    },
  },
  '@ai-sdk/openai': { named: { openai: aiProvider('openai', 'openai', false), createOpenAI: aiProvider('openai', 'createOpenAI', true) } },
  '@ai-sdk/anthropic': { named: { anthropic: aiProvider('anthropic', 'anthropic', false), createAnthropic: aiProvider('anthropic', 'createAnthropic', true) } },
  '@ai-sdk/google': { named: { google: aiProvider('google', 'google', false), createGoogleGenerativeAI: aiProvider('google', 'createGoogleGenerativeAI', true) } },
  '@ai-sdk/azure': { named: { azure: aiProvider('azure-openai', 'azure', false), createAzure: aiProvider('azure-openai', 'createAzure', true) } },
  '@ai-sdk/groq': { named: { groq: aiProvider('groq', 'groq', false), createGroq: aiProvider('groq', 'createGroq', true) } },
  '@ai-sdk/mistral': { named: { mistral: aiProvider('mistral', 'mistral', false), createMistral: aiProvider('mistral', 'createMistral', true) } },
  '@ai-sdk/deepseek': { named: { deepseek: aiProvider('deepseek', 'deepseek', false), createDeepSeek: aiProvider('deepseek', 'createDeepSeek', true) } },
  '@ai-sdk/amazon-bedrock': { named: { bedrock: aiProvider('bedrock', 'bedrock', false), createAmazonBedrock: aiProvider('bedrock', 'createAmazonBedrock', true) } },
  '@ai-sdk/google-vertex': { named: { vertex: aiProvider('google', 'vertex', false), createVertex: aiProvider('google', 'createVertex', true) } },
  // Any server speaking Chat Completions (vLLM, Together, z.ai, NVIDIA NIM…): the provider is whatever its baseURL is.
  '@ai-sdk/openai-compatible': { named: { createOpenAICompatible: aiProvider('unknown', 'createOpenAICompatible', true) } },
  '@openrouter/ai-sdk-provider': { named: { openrouter: aiProvider('openrouter', 'openrouter', false), createOpenRouter: aiProvider('openrouter', 'createOpenRouter', true) } },
  // `OpenAI` here is LangChain's completion model (a string in, a string out), not the openai SDK's client.
  '@langchain/openai': { named: { ChatOpenAI: lcClass('ChatOpenAI', 'openai'), AzureChatOpenAI: lcClass('AzureChatOpenAI', 'azure-openai'), OpenAI: lcClass('OpenAI', 'openai') } },
  '@langchain/anthropic': { named: { ChatAnthropic: lcClass('ChatAnthropic', 'anthropic') } },
  '@langchain/groq': { named: { ChatGroq: lcClass('ChatGroq', 'groq') } },
  '@langchain/google-genai': { named: { ChatGoogleGenerativeAI: lcClass('ChatGoogleGenerativeAI', 'google') } },
  '@langchain/mistralai': { named: { ChatMistralAI: lcClass('ChatMistralAI', 'mistral') } },
  '@langchain/deepseek': { named: { ChatDeepSeek: lcClass('ChatDeepSeek', 'deepseek') } },
  // A local (or self-hosted) Ollama server; the community class is the deprecated one @langchain/ollama replaced.
  '@langchain/ollama': { named: { ChatOllama: lcClass('ChatOllama', 'ollama') } },
  '@langchain/community/chat_models/ollama': { named: { ChatOllama: communityOllama } },
  // Gemini (or Claude) on a Google Cloud project's Vertex AI endpoint; the -web package signs requests in the browser.
  '@langchain/google-vertexai': { named: { ChatVertexAI: lcClass('ChatVertexAI', 'google') } },
  '@langchain/google-vertexai-web': { named: { ChatVertexAI: lcClass('ChatVertexAI', 'google') } },
  // Bedrock's Converse API through the AWS SDK's BedrockRuntimeClient.
  '@langchain/aws': { named: { ChatBedrockConverse: lcClass('ChatBedrockConverse', 'bedrock') } },
  // LangChain.js < 0.1 entry points (`require('langchain/chat_models/openai')`).
  'langchain/chat_models/openai': { named: { ChatOpenAI: lcClass('ChatOpenAI', 'openai'), AzureChatOpenAI: lcClass('AzureChatOpenAI', 'azure-openai') } },
  'langchain/chat_models/anthropic': { named: { ChatAnthropic: lcClass('ChatAnthropic', 'anthropic') } },
  'langchain/chat_models/ollama': { named: { ChatOllama: { ...communityOllama, module: 'langchain/chat_models/ollama' } } },
  'langchain/llms/openai': { named: { OpenAI: lcClass('OpenAI', 'openai') } },
  // `initChatModel` from `langchain/chat_models/universal` (0.2/0.3) and from `langchain` itself (1.x).
  'langchain/chat_models/universal': { named: { initChatModel: { kind: 'init-chat-model' } } },
  langchain: { named: { initChatModel: { kind: 'init-chat-model' } } },
  // AWS SDK for JavaScript v3: the client sends command objects (`client.send(new ConverseCommand(input))`).
  '@aws-sdk/client-bedrock-runtime': {
    named: {
      BedrockRuntimeClient: { kind: 'client-class', sdk: 'aws-sdk', provider: 'bedrock', className: 'BedrockRuntimeClient' },
      ...Object.fromEntries(Object.entries({ ConverseCommand: false, ConverseStreamCommand: true, InvokeModelCommand: false, InvokeModelWithResponseStreamCommand: true }).map(([name, streaming]) => [name, { kind: 'bedrock-command', name, streaming } satisfies SdkBinding])),
    },
  },
  // LlamaIndex.TS: the provider packages (0.6 and later) and the all-in-one `llamaindex` package, which exported the
  // LLM classes itself before they moved out (and re-exported them for a while after).
  '@llamaindex/openai': { named: { OpenAI: llamaIndexClass('OpenAI', 'openai', '@llamaindex/openai') } },
  '@llamaindex/anthropic': { named: { Anthropic: llamaIndexClass('Anthropic', 'anthropic', '@llamaindex/anthropic') } },
  llamaindex: { named: { OpenAI: llamaIndexClass('OpenAI', 'openai', 'llamaindex'), Anthropic: llamaIndexClass('Anthropic', 'anthropic', 'llamaindex') } },
  // `genkit/beta` is the same instance with the beta API (sessions, chat) on top.
  genkit: { named: { genkit: { kind: 'genkit' } } },
  'genkit/beta': { named: { genkit: { kind: 'genkit' } } },
  // `@mastra/core` re-exports the agent of `@mastra/core/agent` (0.x apps import it from either).
  '@mastra/core/agent': { named: { Agent: { kind: 'mastra-agent' } } },
  '@mastra/core': { named: { Agent: { kind: 'mastra-agent' } } },
  '@openai/agents': agentsExports(),
  '@openai/agents-core': agentsExports(),
  '@openai/agents-openai': agentsExports(),
  // Hugging Face's inference client (`HfInference` is its deprecated name, `InferenceClientEndpoint` an alias).
  '@huggingface/inference': { named: Object.fromEntries(['InferenceClient', 'HfInference', 'InferenceClientEndpoint'].map((className) => [className, { kind: 'client-class', sdk: 'huggingface', provider: 'unknown', className } satisfies SdkBinding])) },
  // Cohere's SDK: `CohereClient` speaks the v1 API (and v2 through `client.v2`), `CohereClientV2` the v2 chat API.
  'cohere-ai': {
    named: {
      CohereClient: { kind: 'client-class', sdk: 'cohere', provider: 'cohere', className: 'CohereClient' },
      CohereClientV2: { kind: 'client-class', sdk: 'cohere', provider: 'cohere', className: 'CohereClientV2' },
    },
  },
  '@google/genai': { named: { GoogleGenAI: { kind: 'client-class', sdk: 'google-genai', provider: 'google', className: 'GoogleGenAI' } } },
  // The deprecated Gemini SDK: requests go through `genAI.getGenerativeModel({ model })` objects (see resolve.ts).
  '@google/generative-ai': { named: { GoogleGenerativeAI: { kind: 'client-class', sdk: 'google-generativeai', provider: 'google', className: 'GoogleGenerativeAI' } } },
};

/**
 * LangChain.js completion models (`OpenAI` of @langchain/openai, a `BaseLLM`): `invoke` / `stream` / `batch` hand back
 * strings, so the response's usage is gone whatever the caller does with the result.
 */
export function isLangChainTextModel(client: { sdk: Sdk; className: string }): boolean {
  return client.sdk === 'langchain' && client.className === 'OpenAI';
}

/**
 * LangChain.js chat models whose messages carry no usage: the deprecated `ChatOllama` of @langchain/community (and
 * langchain 0.0.x) is a SimpleChatModel, which turns the streamed text into a plain AIMessage and leaves Ollama's counts
 * in its chunks' generationInfo. Nothing the caller does with the result can read them.
 */
export function isLangChainModelWithoutUsage(client: { sdk: Sdk; className: string; module?: string }): boolean {
  return client.sdk === 'langchain' && client.className === 'ChatOllama' && (client.module === '@langchain/community/chat_models/ollama' || client.module === 'langchain/chat_models/ollama');
}

/** `Mistral` client methods that run a model (true: the result is a stream of events). */
export const MISTRAL_METHODS: Readonly<Record<string, boolean | null>> = { 'chat.complete': null, 'chat.stream': true, 'agents.complete': null, 'agents.stream': true };

/** The legacy 0.x `MistralClient` request methods. */
export const MISTRAL_LEGACY_METHODS: Readonly<Record<string, boolean | null>> = { chat: false, chatStream: true };

/**
 * @google/generative-ai `GenerativeModel` and `ChatSession` methods that send a request to the model (true: streams).
 * Their result wraps the response: `result.response` (a promise of it on a stream) holds `usageMetadata`.
 */
export const GENERATIVE_MODEL_METHODS: Readonly<Record<string, boolean>> = { generateContent: false, generateContentStream: true, sendMessage: false, sendMessageStream: true };

/**
 * An import of the Vercel AI Gateway provider: `gateway` / `createGateway` from 'ai' or '@ai-sdk/gateway' (`name`
 * narrows it to one of them; without it, any import from '@ai-sdk/gateway' counts).
 */
export function isVercelGatewayImport(ref: { specifier: string; imported: string }, name?: 'gateway' | 'createGateway'): boolean {
  if (ref.specifier !== 'ai' && ref.specifier !== '@ai-sdk/gateway') return false;
  if (name) return ref.imported === name;
  return ref.specifier === '@ai-sdk/gateway' || ref.imported === 'gateway' || ref.imported === 'createGateway';
}

/** Cheap text test: could this file use an LLM SDK at all? */
// Call shapes count too: a route that imports its client from `./llm` as `client` names no SDK at all.

/**
 * The package an import stands for: Deno's `npm:@anthropic-ai/sdk@0.30` and `jsr:` specifiers and CDN URLs
 * (`https://esm.sh/openai@4.52.0`) name an npm package with a version; the version goes, a subpath stays (but for the
 * package's entry file: `openai/index.js` is `openai`).
 */
export function bareSpecifier(spec: string): string {
  // The OpenAI SDK's own Deno builds: `https://deno.land/x/openai@v4.69.0/mod.ts` and JSR's `@openai/openai`.
  if (/^https?:\/\/deno\.land\/x\/openai(@[^/]*)?\/mod\.ts$/.test(spec) || /^(jsr:)?@openai\/openai(@[^/]*)?$/.test(spec)) return 'openai';
  const s = spec.replace(/^(npm|jsr):/, '').replace(/^https?:\/\/(esm\.sh|cdn\.skypack\.dev|cdn\.jsdelivr\.net\/npm|unpkg\.com)\//, '');
  if (s === spec && !/^[@\w]/.test(s)) return spec;
  const m = /^(@[^/@]+\/[^/@]+|[^/@]+)(@[^/]*)?(\/.*)?$/.exec(s);
  if (!m) return s;
  // `openai/index`, `openai/index.mjs`: the package's own entry file, spelled out (continue imports its client so).
  return /^\/index(\.[mc]?js)?$/.test(m[3] ?? '') ? m[1] : m[1] + (m[3] ?? '');
}

/** Local names bound to LLM package exports in one file: imports, `require`, namespace imports. */
export function collectSdkBindings(sf: ts.SourceFile): Map<string, SdkBinding> {
  const out = new Map<string, SdkBinding>();
  const fromModule = (spec: string) => SDK_MODULES[bareSpecifier(spec)];
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const mod = fromModule(stmt.moduleSpecifier.text);
      const clause = stmt.importClause;
      if (!mod || !clause) continue;
      if (clause.name && mod.default) out.set(clause.name.text, mod.default);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { kind: 'namespace', module: bareSpecifier(stmt.moduleSpecifier.text) });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const imported = (el.propertyName ?? el.name).text;
          const b = imported === 'default' ? mod.default : mod.named[imported];
          if (b) out.set(el.name.text, b);
        }
      }
    }
  }
  // `const OpenAI = require('openai')`, also inside functions (`const { OpenAI } = require('openai')` in a constructor),
  // and `const { AzureOpenAI } = await import('openai')`. Names are specific enough that scope does not matter.
  if (!/\brequire\s*\(|\bimport\s*\(/.test(sf.text)) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const spec = requireSpecifier(n.initializer) ?? dynamicImportSpecifier(n.initializer);
      const mod = spec ? fromModule(spec) : undefined;
      if (mod) {
        if (ts.isIdentifier(n.name)) {
          // `const OpenAI = require('openai')` gives the default export (the class) for CJS SDKs;
          // `const mod = await import('openai')` the namespace, `(await import('openai')).default` the class.
          // tsc's `const sdk_1 = __importDefault(require('openai'))` is the namespace too (`new sdk_1.default()`).
          const namespace = (dynamicImportSpecifier(n.initializer) !== null || interopArgument(n.initializer) !== null) && !isDefaultAccess(n.initializer);
          out.set(n.name.text, namespace ? { kind: 'namespace', module: spec! } : (mod.default ?? { kind: 'namespace', module: spec! }));
        } else if (ts.isObjectBindingPattern(n.name)) {
          for (const el of n.name.elements) {
            const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
            const b = imported === 'default' ? mod.default : mod.named[imported];
            if (b && ts.isIdentifier(el.name)) out.set(el.name.text, b);
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

/**
 * The `require(…)` inside tsc's and Babel's CommonJS interop helpers: `__importDefault(require('x'))`,
 * `__importStar(require('x'))`, `tslib_1.__importDefault(require('x'))` and `(0, tslib_1.__importDefault)(…)`.
 * The helper's result is the module namespace: its `.default` is the default export.
 */
function interopArgument(e: ts.Expression): ts.Expression | null {
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return null;
  let callee: ts.Expression = e.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  if (ts.isBinaryExpression(callee) && callee.operatorToken.kind === ts.SyntaxKind.CommaToken) callee = callee.right;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^(__importDefault|__importStar|_interopRequireDefault|_interopRequireWildcard)$/.test(name) ? e.arguments[0] : null;
}

function isDefaultAccess(expr: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'default';
}

/** `await import('x')`, `import('x')` or `(await import('x')).default` → 'x'. */
export function dynamicImportSpecifier(expr: ts.Expression): string | null {
  let e = expr;
  if (isDefaultAccess(e)) e = (e as ts.PropertyAccessExpression).expression;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword && e.arguments.length >= 1 && ts.isStringLiteral(e.arguments[0])) return e.arguments[0].text;
  return null;
}

/** `require('x')` or `require('x').default` → 'x'. */
export function requireSpecifier(expr: ts.Expression | undefined): string | null {
  if (!expr) return null;
  let e = expr;
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') e = e.expression;
  const interop = interopArgument(e);
  if (interop) e = interop;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1) {
    const a = e.arguments[0];
    if (ts.isStringLiteral(a)) return a.text;
  }
  return null;
}

/** Resolves `X` or `ns.X` to an SDK binding. */
export function bindingOf(expr: ts.Expression, bindings: Map<string, SdkBinding>): SdkBinding | undefined {
  if (ts.isIdentifier(expr)) {
    const b = bindings.get(expr.text);
    return b?.kind === 'namespace' ? (SDK_MODULES[b.module]?.default ?? b) : b;
  }
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
    const ns = bindings.get(expr.expression.text);
    if (ns?.kind === 'namespace') {
      const mod = SDK_MODULES[ns.module];
      const name = expr.name.text;
      return name === 'default' ? mod?.default : mod?.named[name];
    }
  }
  return undefined;
}
