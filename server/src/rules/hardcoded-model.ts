import { processEnvReadable } from '../core/code-writer';
import { defineRule } from '../core/rule';
import type { ClientFact, LlmCallSite, OptionFact, Provider, Span, TextEdit } from '../core/types';
import { callName } from '../core/types';
import { hopsFronting } from '../core/topology';
import type { WorkspaceView } from '../core/workspace-view';

function modelEnv(provider: Provider): string {
  if (provider === 'openai') return 'OPENAI_MODEL';
  if (provider === 'anthropic') return 'ANTHROPIC_MODEL';
  if (provider === 'google') return 'GEMINI_MODEL';
  // An Ollama tag (`llama3.1:70b`) names a model of that server only.
  if (provider === 'ollama') return 'OLLAMA_MODEL';
  // A Bedrock model id or inference profile (`us.anthropic.claude-…-v1:0`) names a model of that AWS account and region.
  if (provider === 'bedrock') return 'BEDROCK_MODEL_ID';
  // The name Cohere apps already use for their Command model (TheOnly3aq/catofwisdom reads COHERE_MODEL; audit 190).
  if (provider === 'cohere') return 'COHERE_MODEL';
  return 'LLM_MODEL';
}

function within(inner: Span, outer: Span | null | undefined): boolean {
  return !!outer && inner.start >= outer.start && inner.end <= outer.end;
}

/** A model literal; `routed` when its prefix picks the provider (LlmCallSite['model']). */
type Literal = { span: Span; value: string; routed?: boolean };

/** A send on a Google GenAI chat session, whose model is the one its `chats.create(…)` call names. */
function chatSessionSend(site: LlmCallSite): boolean {
  return site.sdk === 'google-genai' && site.method.startsWith('chats.');
}

/**
 * The model literal written in the call itself (not a module constant, not the client's options), or for a chat
 * session's send in the `chats.create(…)` that made the session (the front end reads the model from there only).
 */
function inlineLiteral(site: LlmCallSite, text: string): Literal | null {
  const { model } = site;
  if (!model.literal || !model.span || model.value === null) return null;
  if (!within(model.span, site.args.span) && !within(model.span, site.span) && !chatSessionSend(site)) return null;
  const src = text.slice(model.span.start, model.span.end);
  // A constant's use (`model: MODEL`) keeps literal true with the span on the identifier.
  if (!/^(['"`])[^'"`]*\1$/.test(src)) return null;
  const written = src.slice(1, -1);
  // An AI Gateway id (`'google/gemini-2.5-flash'`) is stored without its provider; the literal keeps it, and so must
  // the fix: the gateway rejects a bare model id. So is a pydantic-ai model string's provider (`'openai:gpt-4o'`), and
  // the Inference Provider a Hugging Face model id names after it (`'Qwen/Qwen2.5-7B:featherless-ai'`).
  if (written !== model.value && !written.endsWith(`/${model.value}`) && !(site.sdk === 'pydantic-ai' && written.endsWith(`:${model.value}`)) && !(site.sdk === 'huggingface' && written.startsWith(`${model.value}:`))) return null;
  return { span: model.span, value: written, ...(model.routed ? { routed: true } : {}) };
}

export default defineRule({
  id: 'hardcoded-model',
  family: 'routing',
  severity: 'info',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'Model name literal at the call site instead of configuration or a gateway alias',
    why: [
      'A model id written into the call (`model: \'gpt-4o\'`) means every model change — a cheaper tier, a newer snapshot, a deprecation, a fallback during an outage — is a code change and a deploy. Routing each request to the cheapest model that can handle it is one of the largest cost levers (output prices differ more than 10× between tiers, e.g. gpt-4o vs gpt-4o-mini), and it needs the model to come from configuration or a gateway alias (LiteLLM `model_list`, Portkey configs, OpenRouter) rather than the source.',
      '',
      'The same goes for a local Ollama model tag (`client.chat(model="llama3.1:70b", …)` with the ollama Python package): moving to a smaller quantisation or a newer model is a code change; the fix reads it from `OLLAMA_MODEL`.',
      '',
      'AWS Bedrock through boto3 (`boto3.client("bedrock-runtime")`): the model is the `modelId=` of `converse`, `converse_stream`, `invoke_model` and `invoke_model_with_response_stream`, a Bedrock model id or cross-region inference profile (`anthropic.claude-3-5-sonnet-20240620-v1:0`, `us.anthropic.…`) that names a model of one AWS account and region; the fix reads it from `BEDROCK_MODEL_ID`.',
      'The same for the AWS SDK for JavaScript v3: the `modelId` of the command a `BedrockRuntimeClient` sends (`client.send(new ConverseCommand({ modelId, … }))`, `ConverseStreamCommand`, `InvokeModelCommand`, `InvokeModelWithResponseStreamCommand`, the command or its input built in a `const` first).',
      'Firebase Genkit (`ai.generate({ model, … })` / `ai.generateStream(…)` on a `genkit({…})` instance): the `model` written in the call is reported, not the instance\'s default `model` (configuration, set once where the instance is made). A plugin\'s model reference with the id written in it (`googleAI.model(\'gemini-2.5-flash\')`, `gemini(\'gemini-1.5-flash\')`) gets the fix inside the reference; a registry name (`\'googleai/gemini-2.5-pro\'`) gets none, since its prefix picks the plugin and a variable holding a bare model id would lose it; a model constant the plugin exports (`gemini20Flash`) is not a literal.',
      '',
      'Cohere (`co.chat(model="command-a-03-2025", …)` on a `cohere.ClientV2`, `cohere.chat({ model })` on a cohere-ai client): the fix reads the model from `COHERE_MODEL`.',
      '',
      'A literal followed by a spread of settings (`{ model: \'gpt-4o\', ...userParams }`) is only a default the settings may override: it is not reported.',
      '',
      'LangChain chat models take the model where they are built, so the literal is reported there: `ChatOpenAI(model="gpt-4o")`, `new ChatAnthropic({ modelName: … })`, `init_chat_model("openai:gpt-4o-mini")`, and so does LangChain.js\'s completion model (`new OpenAI({ model: \'gpt-3.5-turbo-instruct\' })` from @langchain/openai). So do LlamaIndex LLMs (`OpenAI(model="gpt-4o-mini")` from `llama_index.llms.openai`, `Anthropic(model=…)`). So does Semantic Kernel\'s `OpenAIChatCompletion(ai_model_id="gpt-4o")`. So does Azure AI Inference\'s `ChatCompletionsClient(endpoint, credential, model="gpt-4o-mini")`, whose requests send that model unless given their own. Azure classes name a deployment and are left alone.',
      '',
      'A Google GenAI chat session takes its model where it is made (`client.chats.create(model="gemini-2.5-flash")`, `ai.chats.create({ model: … })`); every `send_message` / `sendMessage` on it uses that model, so the literal is reported there, once.',
      '',
      'Module-level constants and environment variables are already configuration-like and are not reported, and neither are calls through a LiteLLM `Router`, whose `model` names a `model_list` alias, nor calls through a LiteLLM proxy configured in the workspace that name one of its `model_name` aliases. An AI SDK model string for the Vercel AI Gateway (`model: \'google/gemini-2.5-flash\'`) is reported whole, and the fix keeps the provider in its fallback: the gateway needs it.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function answer(q: string) {\n  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return completion;\n}\n",
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=120)


def answer(question: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function answer(q: string) {\n  const completion = await client.chat.completions.create({ model: process.env.OPENAI_MODEL ?? 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return completion;\n}\n",
      },
      {
        language: 'python',
        code: `import os

from openai import OpenAI

client = OpenAI(timeout=120)
CHAT_MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o")


def answer(question: str):
    return client.chat.completions.create(model=CHAT_MODEL, messages=[{"role": "user", "content": question}])
`,
      },
    ],
    references: [
      'https://docs.litellm.ai/docs/proxy/configs',
      'https://openrouter.ai/docs/features/model-routing',
      'https://platform.openai.com/docs/pricing',
    ],
    fixSafety:
      'Unsafe: replaces the literal with an environment read that falls back to the same model (`process.env.OPENAI_MODEL ?? \'gpt-4o\'`, `os.environ.get("OPENAI_MODEL", "gpt-4o")`), so behaviour only changes once the variable is set. None where the file, or another module of the same language in the workspace, names a different model that would share the variable (a cheap model and a strong one, a name → model registry, one agent per file on Opus and on Sonnet): once set, it would turn them all into one model. A LangChain model written with its provider (`init_chat_model("openai:gpt-4o")`, `initChatModel(\'anthropic:claude-sonnet-4-5\')`) gets no fix: the variable holds a bare model id, and the provider would be lost. Nor does a pydantic-ai model string (`Agent(\'openai:gpt-4o\')`) or an OpenAI Agents SDK one routed by its prefix (`Agent(model="litellm/anthropic/claude-…")`, a custom provider\'s `prefix/model`), nor a `LitellmModel(model="anthropic/claude-…")`, a Google ADK `LiteLlm(model="openai/gpt-4o")` or a DSPy `dspy.LM("openai/gpt-4o-mini")`: without its `litellm/` prefix the SDK sends the id to OpenAI, and LiteLLM needs its provider prefix. Code that reads its settings from bindings (Cloudflare Workers `env.X`, Hono `c.env.X` or `env(c)` from `hono/adapter`, `Deno.env.get`, `Netlify.env.get`) gets no fix: a Worker has no `process.env` unless nodejs_compat is on. Nor does other Deno code (`Deno.serve(…)`, `npm:` / `jsr:` / URL imports): Deno 1.x has no `process` global. Nor does Vite, Astro or SvelteKit code (`import.meta.env`, `$env/…`), whose `.env` values never reach `process.env`, or browser code (`dangerouslyAllowBrowser: true`, an extension\'s `chrome.storage` or `browser.storage`, `localStorage`, the DOM, or any module of a browser extension: a `manifest.json` with `manifest_version` in its package), which has no `process`.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    // Found first, reported after: the fix needs to know the file's other models.
    const found: Array<{ lit: Literal; provider: Provider; where: string }> = [];
    const report = (lit: Literal, provider: Provider, where: string) => found.push({ lit, provider, where });
    // Different models for the same variable (a cheap one and a strong one, a name → model registry): one variable
    // would turn them all into the same model once it is set, so none of them gets the fix.
    const modelsByEnv = new Map<string, Set<string>>();
    const emit = (lit: Literal, provider: Provider, where: string) => {
      const env = modelEnv(provider);
      let fix;
      // `init_chat_model("openai:gpt-4o")` / `initChatModel('anthropic:claude-…')`: the variable would hold a bare id
      // (as the other fixes write it), dropping the provider the prefix named, which LangChain cannot always infer.
      const providerPrefixed = /^(openai|openai-chat|openai-responses|google-gla|google-vertex|gemini|azure|anthropic|azure_openai|azure_ai|google_genai|google_vertexai|google_anthropic_vertex|bedrock|bedrock_converse|cohere|fireworks|together|mistralai|huggingface|groq|ollama|deepseek|xai|perplexity|ibm|nvidia|cerebras|google-genai|google-vertexai):/.test(lit.value);
      const shared = (modelsByEnv.get(env)?.size ?? 0) > 1;
      // So would an Agents SDK `litellm/anthropic/…` (sent to OpenAI without its prefix) or a LiteLLM `gemini/…`.
      if (writer && !providerPrefixed && !lit.routed && !shared && processEnvReadable(file.text, writer, { path: file.path, workspace: ctx.workspace })) {
        const newText = writer.render({
          $code: {
            typescript: `process.env.${env} ?? '${lit.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
            python: `os.environ.get("${env}", ${JSON.stringify(lit.value)})`,
          },
        });
        const edits: TextEdit[] = [{ start: lit.span.start, end: lit.span.end, newText }];
        for (const [module, names] of writer.envReadImports) {
          const imp = writer.ensureImport(file.text, module, names);
          if (imp) edits.push(imp);
        }
        fix = { title: `Read the model from ${env}`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: lit.span, message: `Model '${lit.value}' is hardcoded in the ${where}, so switching or routing models needs a code change`, fix });
    };
    for (const site of file.callSites) {
      // A LiteLLM Router call names a `model_name` of its `model_list`: the alias this rule recommends.
      if (site.sdk === 'litellm' && site.client?.className === 'Router') continue;
      const lit = inlineLiteral(site, file.text);
      // Several sends on one chat session share its `chats.create(…)` literal: one finding there.
      if (!lit || found.some((f) => f.lit.span.start === lit.span.start)) continue;
      // Behind a workspace LiteLLM proxy, a `model_name` of its config is an alias: routing it is a config change.
      if (proxyAlias(site, lit.value, ctx.workspace)) continue;
      report(lit, site.provider, chatSessionSend(site) ? 'chats.create call' : site.agent ? `${callName(site)} settings` : `${callName(site)} call`);
    }
    // LangChain, LlamaIndex and CrewAI name the model where the chat model is built (`ChatOpenAI(model="gpt-4o")`, `LLM(model="gpt-4o")`,
    // `OpenAI(model="gpt-4o")` from llama_index.llms.openai); its calls inherit it.
    for (const client of file.clients) {
      const lit = client.path === file.path ? frameworkModelLiteral(client, file.text) : null;
      const name = client.label ?? client.className;
      // `OpenAIChatCompletionClient client` says it twice.
      // `Agent(llm="gpt-4o")`: CrewAI builds the LLM, so the model is named in the Agent's llm.
      // AG2: the model is named in an llm_config entry.
      if (lit) report(lit, client.provider, client.builtBy || client.ag2LlmConfig || /client$/i.test(name) ? name : `${name} client`);
    }
    // So does google-generativeai (`genai.GenerativeModel("gemini-1.5-flash")`), once per model object called here.
    const models = new Map<number, ClientFact>();
    for (const site of file.callSites) if (site.client?.sdk === 'google-generativeai' && site.client.path === file.path) models.set(site.client.span.start, site.client);
    for (const client of models.values()) {
      const lit = modelLiteral(client.args.options.model_name ?? client.args.options.model, file.text);
      if (lit) report(lit, client.provider, 'GenerativeModel client');
    }
    for (const f of found) {
      const env = modelEnv(f.provider);
      modelsByEnv.set(env, (modelsByEnv.get(env) ?? new Set()).add(f.lit.value));
    }
    // …and so would the same fix in other modules: four agents in four files, one on Opus and three on Sonnet.
    if (found.length) {
      const elsewhere = literalModelsByEnv(ctx.workspace).get(`${file.language === 'python'}`);
      for (const [env, models] of modelsByEnv) {
        for (const [model, paths] of elsewhere?.get(env) ?? []) if (paths.size > 1 || !paths.has(file.path)) models.add(model);
      }
    }
    for (const f of found) emit(f.lit, f.provider, f.where);
  },
});

/**
 * The literal models of the workspace's call sites, by language kind (Python or not), then by the variable this rule's
 * fix would read, then by model, with the files naming each: built once per view, as every file with a finding asks.
 */
function literalModelsByEnv(ws: WorkspaceView): Map<string, Map<string, Map<string, Set<string>>>> {
  let byKind = literalModels.get(ws);
  if (byKind) return byKind;
  byKind = new Map();
  for (const s of ws.callSites()) {
    if (!s.model.literal || !s.model.value) continue;
    const kind = `${s.language === 'python'}`;
    const byEnv = byKind.get(kind) ?? byKind.set(kind, new Map()).get(kind)!;
    const env = modelEnv(s.provider);
    const byModel = byEnv.get(env) ?? byEnv.set(env, new Map()).get(env)!;
    (byModel.get(s.model.value) ?? byModel.set(s.model.value, new Set()).get(s.model.value)!).add(s.path);
  }
  literalModels.set(ws, byKind);
  return byKind;
}
const literalModels = new WeakMap<WorkspaceView, Map<string, Map<string, Map<string, Set<string>>>>>();

function proxyAlias(site: LlmCallSite, model: string, ws: WorkspaceView): boolean {
  return hopsFronting(site, ws).some((h) => h.kind === 'litellm' && h.modelNames?.includes(model));
}

/**
 * The model literal of a LangChain chat model, LlamaIndex LLM, Haystack generator, CrewAI `LLM` or AutoGen model client construction: `model=`/`model_name=` (`modelName` in JS), or the first
 * argument of `init_chat_model("gpt-4o-mini")`. Azure classes name a deployment, not a model, and are left alone.
 */
/** A model option written as a plain string literal (not a constant, not an f-string). */
function modelLiteral(opt: OptionFact | undefined, text: string): { span: Span; value: string } | null {
  const v = opt?.value;
  if (v?.kind !== 'string') return null;
  const src = text.slice(v.span.start, v.span.end);
  return /^(['"`])[^'"`\\]*\1$/.test(src) && src.slice(1, -1) === v.value ? { span: v.span, value: v.value } : null;
}

function frameworkModelLiteral(client: ClientFact, text: string): { span: Span; value: string } | null {
  if ((client.sdk !== 'langchain' && client.sdk !== 'llamaindex' && client.sdk !== 'haystack' && client.sdk !== 'crewai' && client.sdk !== 'autogen' && client.sdk !== 'semantic-kernel' && client.sdk !== 'azure-ai-inference') || /Azure/.test(client.className)) return null;
  // Semantic Kernel's OpenAIChatCompletion spells it `ai_model_id`.
  const opt = client.args.options.model ?? client.args.options.model_name ?? client.args.options.modelName ?? (client.sdk === 'semantic-kernel' ? client.args.options.ai_model_id : undefined);
  if (opt) return modelLiteral(opt, text);
  if (!client.label?.startsWith('init_chat_model')) return null;
  const source = text.slice(client.span.start, client.span.end);
  const m = /^[\w.]+\(\s*(["'])([^"'\\\n]+)\1\s*[,)]/.exec(source);
  if (!m) return null;
  const start = client.span.start + m[0].indexOf(m[1]);
  return { span: { start, end: start + m[2].length + 2 }, value: m[2] };
}
