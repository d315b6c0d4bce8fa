import * as path from 'node:path';
import { AI_SDK_GOOGLE_BASE_URL_ENV, BASE_URL_ENV, baseUrlEnvFor, baseUrlEnvLostToExplicitNone, gatewayExampleFor, gatewayForUrl, isAccountApiUrl, literalBaseUrlEnv, SDK_DEFAULT_BASE_URLS, type BaseUrlDialect } from '../core/catalog/providers';
import { AI_SDK_OPENAI_COMPATIBLE_DEFAULT, clientOptionNames, GOOGLE_GENERATIVE_AI_JS_SINCE, LANGCHAIN_GOOGLE_GENAI_SINCE, LANGCHAIN_JS_GOOGLE_GENAI_SINCE } from '../core/catalog/sdk-defaults';
import { processEnvReadable, type CodeWriter } from '../core/code-writer';
import { admitsOlderThan, ceilingBelow, declaredNpmCeiling, declaredNpmMajor } from '../core/manifests';
import { directClient, envUnreadByRelease, PROVIDER_HOSTS, sameProviderUrl } from '../core/direct-clients';
import { defineRule } from '../core/rule';
import { sdkLanguage } from '../core/retry-chain';
import { lineBreakOf } from '../core/text';
import type { ArgsFact, ClientFact, DefaultClient, EndpointLiteral, Fix, TextEdit } from '../core/types';
import { clientLabel } from '../core/types';
import { envDefinitionsSeenFrom, moduleSettingWritten, pythonCeiling, pythonFloor, type WorkspaceView } from '../core/workspace-view';



export default defineRule({
  id: 'direct-provider-endpoint',
  family: 'routing',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: {},
  docs: {
    summary: 'An LLM client talks to the provider directly, with no gateway where routing, caching and fallbacks could live',
    why: [
      'A gateway (LiteLLM proxy, Portkey, Helicone, Cloudflare AI Gateway, Envoy AI Gateway, OpenRouter) is where model aliases, fallbacks between providers, response caching, rate limits and per-team cost accounting live. A client hardwired to `api.openai.com` can get none of that without a code change and a redeploy.',
      'The official SDKs read `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` (Groq\'s `groq-sdk` and Python `groq`, `GROQ_BASE_URL`; Cerebras\'s Python `cerebras_cloud_sdk`, `CEREBRAS_BASE_URL`; Together AI\'s `together-ai`, `TOGETHER_BASE_URL`) when no base URL is passed, so a gateway can be wired in through `.env`, a Dockerfile `ENV`, docker-compose or Kubernetes env alone: this rule stays silent when the workspace defines one of those variables (to anything but the provider\'s own API: `OPENAI_BASE_URL=https://api.openai.com/v1` is the same direct connection), or when the client\'s own module sets the variable for its process before the client reads it (`environ["OPENAI_BASE_URL"] = get_settings().openai.api_base`, `os.environ.setdefault(…)`, `process.env.OPENAI_BASE_URL = …`; not to the provider\'s own URL, not on a commented-out line). The legacy `OPENAI_API_BASE` moves LangChain Python\'s `ChatOpenAI` and LiteLLM only: openai-python 1.x and openai-node read `OPENAI_BASE_URL` alone, so their clients stay reported, with a note that the variable they do not read is set. LangChain Python\'s `ChatAnthropic` also reads `ANTHROPIC_API_URL`. LangChain Python\'s `ChatGoogleGenerativeAI` reads no variable before langchain-google-genai 4.0 (it built Google\'s GAPIC clients; `GOOGLE_GEMINI_BASE_URL` belongs to the google-genai SDK it moved to then): with a manifest that allows only older releases (`>=1.0.5,<2.0.0`), the variable does not silence it. The AI SDK\'s OpenAI provider reads `OPENAI_BASE_URL` from @ai-sdk/openai 3.0 (and late 2.0.x releases), and current releases of its Anthropic provider read `ANTHROPIC_BASE_URL`; before 2.0 (AI SDK 4 and older) neither reads any, so where the package.json allows no 2.x or later release the variable does not silence the rule and the message says it is not read; its Google provider reads no such variable: `createGoogleGenerativeAI()` without `baseURL` is reported whatever the environment holds. Nor does openai@3.x (`new OpenAIApi(new Configuration({ … }))`), which goes to api.openai.com unless given a `basePath`, nor its fetch port openai-edge (`import { Configuration, OpenAIApi } from \'openai-edge\'`).',
      'Clients the SDK builds for the code count too: the AI SDK default providers (`import { anthropic } from \'@ai-sdk/anthropic\'` then `anthropic(\'claude-…\')`; the fix rewrites the import as `createAnthropic({ baseURL: process.env.ANTHROPIC_BASE_URL })` under the same name) and openai-python\'s module client (`openai.chat.completions.create(…)`, or `openai.ChatCompletion.create(…)` before 1.0, which reads `OPENAI_API_BASE`), silent when any module of the workspace sets `openai.base_url` / `openai.api_base`. So do raw HTTP requests to a model API (`fetch`, axios, `requests`, httpx, aiohttp): the provider URL they are sent to, or the constant their URL begins with (`GEMINI_URL = "https://generativelanguage.googleapis.com/v1beta"` then `requests.post(f"{GEMINI_URL}/models/{model}:generateContent")`, `OPENAI_BASE + "/chat/completions"`), in the same file. And @google/generative-ai\'s `new GoogleGenerativeAI(key)`, which reads no base URL from the environment and takes one only per model (`genAI.getGenerativeModel({ model }, { baseUrl })`, since 0.4.0): reported when a `getGenerativeModel` call on it in its file passes none (with a package.json that allows only releases before 0.4.0, the message says to upgrade).',
          'Clients of a cloud platform (`AnthropicBedrock`, `AnthropicVertex`, google-genai `Client(vertexai=True)`, LangChain.js `ChatVertexAI`, `ChatBedrockConverse`, `AzureChatOpenAI` and a `ChatOpenAI` given `azureOpenAI*` fields, which @langchain/openai 0.x sends to Azure) go to the project\'s own endpoint with its credentials and are left alone. So is a Semantic Kernel connector given `async_client=`, which sends through that client (reported where it is built, if it has no base URL); one without (`OpenAIChatCompletion(ai_model_id=…)`) builds an `AsyncOpenAI` that reads `OPENAI_BASE_URL` and takes no base URL itself: reported, without a fix. So is AutoGen\'s `OpenAIChatCompletionClient` without `base_url`: it picks the endpoint from the model name (`gemini-…` to Google\'s OpenAI-compatible API, `claude-…` to Anthropic\'s in later releases), and a `base_url` the fix would add turns that off; a provider URL written in it is still reported. An AG2 `llm_config` entry given to an agent (`{"model": "gpt-4o", …}` in its `config_list`, or `LLMConfig(api_type="openai", model=…)`) is a plain openai-python client, which AG2 builds from the entry\'s keys over the llm_config\'s: without `base_url` in either it goes to api.openai.com, and the fix adds `"base_url": os.environ.get("OPENAI_BASE_URL")` to the entry (a keyword to `LLMConfig(…)`). A LangChain.js `ChatOpenAI` base URL (or one of its completion model `OpenAI`) counts in every form @langchain/openai 0.x reads: `configuration: { baseURL }`, the openai v3 name `configuration: { basePath }`, and the deprecated second constructor argument (`new ChatOpenAI(fields, { basePath })`, or one built elsewhere). So is a provider URL that is only the last fallback of a configurable one: in Python, assigned on the `else` branch of an `if` whose other branches set the same name from a parameter, a setting or the environment (`if base_url: url = base_url` / `elif settings.OPENAI_BASE_URL: …` / `else: url = "https://api.openai.com/v1"`); or the default of a conditional (`url = base_url if base_url else "https://…"`; in TypeScript and JavaScript `proxy ? proxy : \'https://api.anthropic.com/v1\'`, `!proxy ? \'https://…\' : proxy`, whose condition tests the value the other branch uses); or, in Python, held in a name whose every use in its file is such a default (`base_url or DEFAULT_BASE_URL`, `config.get("base_url", DEFAULT_URL)`, a class attribute read as `self.settings.get("base_url") or self.default_api_url`); or the default of a field of a pydantic-settings class (`class Settings(BaseSettings): OPENAI_API_BASE: str = "https://api.openai.com/v1"`, pydantic v1 `pydantic.BaseSettings` too), which pydantic-settings fills from the environment variable of the field\'s name, prefix or alias (a field of a plain class, a dataclass or a pydantic `BaseModel` is still reported: nothing fills those from the environment); a provider URL on every branch, or one chosen by another condition (`isAzure ? azureUrl : \'https://api.openai.com/v1\'`), is still reported. So is a Python client built without a base URL only on the branch taken when the base URL the other branch passes is absent (`AsyncAnthropic(api_key=key) if base_url is None else AsyncAnthropic(base_url=base_url, api_key=key)`, or an `if base_url:` / `else:` that assigns or returns the client): the caller chooses the endpoint; a branch chosen by another condition, or the other branch building another class, leaves it reported. So is a client whose base URL is assigned after it is made (`openai.baseURL = routerUrl`, `client.base_url = …`), in its module or in one that imports it: the requests go where the assignment says. A request to a provider\'s account endpoints (listing or describing models, `GET https://api.openai.com/v1/models`; organization, usage and billing) is left alone: a gateway would answer it with its own model aliases and keys. So is a client used for nothing but `models.retrieve` / `models.list` calls (`client.models.retrieve(model)` checking a user\'s own key or reading a model\'s output limit). Nor is a TypeScript client bound to a name its file never mentions again (outside string literals) and does not export: a leftover that sends nothing.',
    ].join('\n\n'),
    bad: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
export const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', timeout: 60_000 });
`,
      },
      {
        language: 'typescript',
        code: `import Anthropic from '@anthropic-ai/sdk';
export const client = new Anthropic({ timeout: 60_000 });
`,
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=60)
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
export const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, timeout: 60_000 });
`,
      },
      {
        language: 'typescript',
        code: `import Anthropic from '@anthropic-ai/sdk';
export const client = new Anthropic({ timeout: 60_000 });
`,
        files: { '.env.example': 'ANTHROPIC_BASE_URL=http://litellm:4000\n' },
      },
      {
        language: 'python',
        code: `import os

from openai import OpenAI

client = OpenAI(base_url=os.environ["LLM_GATEWAY_URL"], timeout=60)
`,
      },
      {
        language: 'python',
        files: { '.env.example': 'ANTHROPIC_BASE_URL=http://litellm:4000\n' },
        code: `from anthropic import Anthropic

client = Anthropic(timeout=60)
`,
      },
    ],
    references: [
      'https://github.com/openai/openai-node#configuring-the-base-url',
      'https://docs.litellm.ai/docs/proxy/quick_start',
      'https://developers.cloudflare.com/ai-gateway/',
    ],
    fixSafety: 'The fix reads the base URL from the environment (falling back to today\'s URL where one was written), in the option the client really reads (LangChain.js `ChatOpenAI` `configuration: { baseURL }`, `ChatAnthropic` `clientOptions: { baseURL }`, added to the object when the call already passes one) and documents the variable in the nearest env template (`.env.example`, `.env.sample`, `.env.template`, …: the service\'s own in a monorepo; else a new `.env.example` in the directory of the code\'s nearest package.json, pyproject.toml, requirements.txt or Dockerfile, or the workspace root; commented out when there is no URL to keep: openai-python takes an empty `OPENAI_BASE_URL` for the base URL); behaviour is unchanged until the variable is set (an AI SDK default provider rewritten as `createOpenAI({ baseURL })` keeps `compatibility: \'strict\'` where the project uses `@ai-sdk/openai` before 2.0, as the default provider did). LangChain Python\'s `ChatGoogleGenerativeAI` gets no fix where the manifest allows a langchain-google-genai older than 3.0.1, which has no `base_url` (its endpoint goes in `client_options={"api_endpoint": …}`, a host rather than a URL). Nor where it allows only 3.x, which hands `base_url` to a gRPC client that an HTTP gateway does not answer (the message says to upgrade to 4.0, google-genai underneath). A provider URL no client reads (a raw request\'s base constant) is read from the variable whose readers take it in that shape: `https://api.openai.com/v1` from OPENAI_BASE_URL, `https://api.anthropic.com` from ANTHROPIC_BASE_URL, `https://generativelanguage.googleapis.com` from GOOGLE_GEMINI_BASE_URL, `…/v1beta` from GOOGLE_GENERATIVE_AI_BASE_URL; a whole endpoint (`…/v1/chat/completions`), an f-string or `https://api.anthropic.com/v1` (a host to the Anthropic SDKs, `…/v1` to the AI SDK) gets no fix. @google/generative-ai\'s fix adds `baseUrl: process.env.GOOGLE_GEMINI_BASE_URL` to the request options of every `getGenerativeModel` call on the client (a host, as the SDK appends `/v1beta/models/…`), and only where those calls are all of its uses (not exported, a private field) and the package.json allows no release before 0.7.1, which passes the model\'s request options down to every method. The commented example is a LiteLLM proxy base URL in the shape each client expects, so that the path it appends lands on a route the proxy serves: the root for OpenAI clients (`/chat/completions`, `/responses`), for the Anthropic SDKs and ChatAnthropic (`/v1/messages`) and for google-genai, @google/genai, @google/generative-ai and LangChain\'s ChatGoogleGenerativeAI (`/v1beta/models/{model}:generateContent`, LiteLLM 1.73.3 and later); `…/v1` for the AI SDK\'s Anthropic provider and `…/v1beta` for its Google provider, which append `/messages` and `/models/…` to a versioned base URL. The AI SDK\'s Google provider reads `GOOGLE_GENERATIVE_AI_BASE_URL`, not `GOOGLE_GEMINI_BASE_URL`, which google-genai reads by itself as an unversioned host. An OpenAI client on a provider\'s OpenAI-compatible endpoint (`…/v1beta/openai/`, `https://api.anthropic.com/v1/`) gets no fix: the provider\'s variable is read by its own SDKs as the base of their native API. Nor does LangChain.js\'s where the package.json allows only @langchain/google-genai releases before 0.0.14, which have no `baseUrl` field (the message says to upgrade). Code that reads its settings from bindings (Cloudflare Workers `env.X`, Hono `c.env.X` or `env(c)` from `hono/adapter`, `Deno.env.get`, `Netlify.env.get`) gets no fix: a Worker has no `process.env` unless nodejs_compat is on. Nor does other Deno code (`Deno.serve(…)`, `npm:` / `jsr:` / URL imports): Deno 1.x has no `process` global. Nor does Vite, Astro or SvelteKit code (`import.meta.env`, `$env/…`), whose `.env` values never reach `process.env`, or browser code (`dangerouslyAllowBrowser: true`, an extension\'s `chrome.storage` or `browser.storage`, `localStorage`, the DOM, or any module of a browser extension: a `manifest.json` with `manifest_version` in its package), which has no `process`.',
  },
  check(ctx) {
    const { file, workspace, writer } = ctx;
    for (const ep of file.endpoints) {
      if (ep.role === 'other' || ep.provider === 'azure-openai') continue;
      // OpenRouter is itself a gateway: routing, fallbacks and per-key accounting already live there.
      if (gatewayForUrl(ep.url)) continue;
      // `GET https://api.openai.com/v1/models` asks the provider what the key can use: a gateway would answer for itself.
      if (isAccountApiUrl(ep.shape ?? ep.url)) continue;
      ctx.report({
        span: ep.span,
        message: `${hostOf(ep.url)} is called directly, so no gateway can add routing, caching or fallbacks without a code change`,
        fix: writer && processEnvReadable(file.text, writer, { path: file.path, workspace }) ? literalToEnv(ep, readerOf(ep, file.clients), writer, workspace, file.text) : undefined,
      });
    }
    for (const client of file.clients) {
      const direct = directClient(client, workspace);
      if (!direct) continue;
      const noOption = jsGenaiWithoutBaseUrl(client, workspace) ?? pythonGenaiOverGrpc(client, workspace) ?? generativeAiWithoutBaseUrl(client, workspace);
      ctx.report({
        span: client.nameSpan,
        message: `${clientLabel(client)} client sends requests straight to ${direct.host}: ${noOption ?? direct.why}`,
        fix:
          writer && !client.builtBy && processEnvReadable(file.text, writer, { path: file.path, workspace }) && !noOption && !lacksBaseUrlOption(client, workspace)
            ? client.modelRequests
              ? modelsToEnv(client, direct.envNames[0], writer, workspace, file.text)
              : clientToEnv(client, fixEnvOf(client, direct.envNames[0]), writer, workspace, file.text)
            : undefined,
      });
    }
    for (const client of file.defaultClients ?? []) {
      const reader = { sdk: client.sdk, language: sdkLanguage({ language: file.language }) };
      const unreadBy = client.baseUrlEnv.map((n) => envUnreadByRelease(n, reader, file.path, workspace));
      const liveEnv = client.baseUrlEnv.filter((_, i) => !unreadBy[i]);
      const defs = envDefinitionsSeenFrom(workspace, file.path, file.text, client.baseUrlEnv, file.language);
      if (liveEnv.some((n) => defs.some((d) => d.name === n && !sameProviderUrl(d, client.provider)))) continue;
      // `openai.api_base = …` in a settings module configures every call of the process.
      if (moduleSettingWritten(workspace, client.baseUrlSettings, file.language)) continue;
      const host = PROVIDER_HOSTS[client.provider] ?? client.provider;
      const tooOld = unreadBy.find(Boolean);
      const ignored = tooOld ? defs.find((d) => client.baseUrlEnv.includes(d.name)) : undefined;
      const why = liveEnv.length
        ? `no ${liveEnv[0]} is defined in the workspace`
        : tooOld
          ? `${tooOld} reads no base URL from the environment${ignored ? `, so ${ignored.name} set in ${path.basename(ignored.path)} does not move it` : ''}`
          : 'it reads no base URL from the environment';
      ctx.report({
        span: client.span,
        message: `${client.label} sends requests straight to ${host}: ${why}`,
        fix: writer && client.importRewrite && processEnvReadable(file.text, writer, { path: file.path, workspace }) ? importToFactory(client.importRewrite, workspace, writer, file.text, file.path) : undefined,
      });
    }
  },
});

/**
 * `import { anthropic } from '@ai-sdk/anthropic'` → the factory with a base URL from the environment, under the same
 * name, so every use keeps working: `import { createAnthropic } from …; const anthropic = createAnthropic({ … });`.
 */
function importToFactory(r: NonNullable<DefaultClient['importRewrite']>, ws: WorkspaceView, writer: CodeWriter, text: string, file: string): Fix {
  const nl = lineBreakOf(text);
  // @ai-sdk/openai before 2.0: the default `openai` provider is strict, a createOpenAI() one is 'compatible' unless
  // told otherwise, and compatible mode asks for no stream usage.
  const strict = r.factory === 'createOpenAI' && (declaredNpmMajor(ws.readText, ws.root, file, '@ai-sdk/openai') ?? Infinity) < AI_SDK_OPENAI_COMPATIBLE_DEFAULT.beforeMajor ? `, compatibility: 'strict'` : '';
  const declaration = `${nl}${nl}const ${r.local} = ${r.factory}({ baseURL: ${writer.envRead(r.env)}${strict} });`;
  return {
    title: `Build ${r.local} with ${r.factory}, reading the base URL from ${r.env} (gateway wiring)`,
    edits: [
      { start: r.statement.start, end: r.statement.end, newText: `import { ${r.factory} } from ${r.specifier};` },
      { start: r.afterImports, end: r.afterImports, newText: declaration },
      ...envExample(ws, r.env, null, file, gatewayExampleFor(r.factory === 'createAnthropic' ? 'anthropic-v1' : r.factory === 'createGoogleGenerativeAI' ? 'gemini-v1beta' : 'openai')),
    ],
    safety: 'unsafe',
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Whether the SDK takes its base URL from the environment when the code sets none. The AI SDK\'s OpenAI provider reads
 * OPENAI_BASE_URL; its Anthropic and Google providers read no variable (vercel/ai packages/anthropic and
 * packages/google `*-provider.ts`: `withoutTrailingSlash(options.baseURL) ?? 'https://…'`).
 */
/**
 * LangChain Python's ChatGoogleGenerativeAI takes `base_url` only from langchain-google-genai 3.0.1: when the manifest
 * lets an older release be installed, the fix would be an unknown field there (the endpoint then goes in
 * `client_options={"api_endpoint": …}`, a host rather than a URL, so nothing is written).
 */
function lacksBaseUrlOption(client: ClientFact, ws: WorkspaceView): boolean {
  if (client.sdk !== 'langchain' || client.className !== 'ChatGoogleGenerativeAI' || !client.path.endsWith('.py')) return false;
  const since = LANGCHAIN_GOOGLE_GENAI_SINCE.baseUrl;
  return admitsOlderThan(since, pythonFloor(ws, client.path, 'langchain-google-genai')?.version, pythonCeiling(ws, client.path, 'langchain-google-genai'));
}

/**
 * langchain-google-genai 3.x merges `base_url` into its GAPIC client's `api_endpoint`, which speaks gRPC unless
 * `transport="rest"` (its async client always does): a gateway that speaks HTTP (a LiteLLM proxy) does not answer it.
 * From 4.0 it hands `base_url` to google-genai's HTTP client. Where the manifest allows no 4.x, no fix; the message
 * says to upgrade.
 */
function pythonGenaiOverGrpc(client: ClientFact, ws: WorkspaceView): string | null {
  if (client.sdk !== 'langchain' || client.className !== 'ChatGoogleGenerativeAI' || !client.path.endsWith('.py') || lacksBaseUrlOption(client, ws)) return null;
  const ceiling = pythonCeiling(ws, client.path, 'langchain-google-genai');
  const since = LANGCHAIN_GOOGLE_GENAI_SINCE.googleGenaiSdk;
  if (!ceiling || !ceilingBelow(ceiling, since)) return null;
  return `langchain-google-genai ${ceiling.exclusive ? 'below ' : ''}${ceiling.version} (${path.basename(ceiling.manifest)}) hands base_url to a gRPC client, which an HTTP gateway such as a LiteLLM proxy does not answer: upgrade to ${since} (google-genai underneath) to route it through one`;
}

/**
 * LangChain.js's ChatGoogleGenerativeAI has a `baseUrl` field from @langchain/google-genai 0.0.14: where the
 * package.json allows only older releases there is none to set (no fix), and the message says so.
 */
function jsGenaiWithoutBaseUrl(client: ClientFact, ws: WorkspaceView): string | null {
  if (client.sdk !== 'langchain' || client.className !== 'ChatGoogleGenerativeAI' || client.path.endsWith('.py')) return null;
  const pin = declaredNpmCeiling(ws.readText, ws.root, client.path, '@langchain/google-genai');
  if (!pin || !ceilingBelow(pin, LANGCHAIN_JS_GOOGLE_GENAI_SINCE.baseUrl)) return null;
  return `@langchain/google-genai ${pin.spec} (${path.basename(pin.manifest)}) has no baseUrl option (it came in ${LANGCHAIN_JS_GOOGLE_GENAI_SINCE.baseUrl}): upgrade to route it through a gateway`;
}

/** @google/generative-ai before 0.4.0 has no `RequestOptions.baseUrl`: where the package.json allows no later release, say so. */
function generativeAiWithoutBaseUrl(client: ClientFact, ws: WorkspaceView): string | null {
  if (!client.modelRequests) return null;
  const pin = declaredNpmCeiling(ws.readText, ws.root, client.path, '@google/generative-ai');
  if (!pin || !ceilingBelow(pin, GOOGLE_GENERATIVE_AI_JS_SINCE.baseUrl)) return null;
  return `@google/generative-ai ${pin.spec} (${path.basename(pin.manifest)}) has no baseUrl request option (it came in ${GOOGLE_GENERATIVE_AI_JS_SINCE.baseUrl}) and reads no base URL from the environment: upgrade to route it through a gateway`;
}

function literalToEnv(ep: EndpointLiteral, reader: ClientFact | undefined, writer: CodeWriter, ws: WorkspaceView, text: string): Fix | undefined {
  // A provider's OpenAI-compatible endpoint (`…/v1beta/openai/`, `https://api.anthropic.com/v1/` in an OpenAI client):
  // GOOGLE_GEMINI_BASE_URL / ANTHROPIC_BASE_URL are read by the provider's own SDKs as the base of their native API, so
  // the OpenAI-compatible URL written there would break them, and a native gateway URL written there would break this
  // client. No variable means both; the message stays.
  if (ep.provider !== 'openai' && (speaksOpenAi(reader) || /\/openai(?:\/|$)/.test(ep.url))) return undefined;
  // With no client to say which shape it wants (a raw request's base, a constant used elsewhere), the literal's own
  // shape picks the variable, and a URL in no variable's shape (a whole endpoint, `…/v1/chat/completions`) gets none.
  const env = reader ? fixEnvOf(reader, baseUrlEnvFor(ep.provider)[0]) : ep.shape === undefined ? literalBaseUrlEnv(ep.url)?.env : undefined;
  if (!env) return undefined;
  const quoted = writer.render(ep.url);
  const code = writer.language === 'python' ? `os.environ.get("${env}", ${quoted})` : `${writer.envRead(env)} ?? ${quoted}`;
  const edits: TextEdit[] = [{ start: ep.span.start, end: ep.span.end, newText: code }, ...envImports(writer, text), ...envExample(ws, env, ep.url, ep.path)];
  return { title: `Read the base URL from ${env}`, edits, safety: 'unsafe' };
}

function clientToEnv(client: ClientFact, env: string, writer: CodeWriter, ws: WorkspaceView, text: string): Fix | undefined {
  const language = writer.language === 'python' ? 'python' : 'typescript';
  const names = clientOptionNames(client, language)?.baseURL ?? [];
  const key = names[0];
  if (!key) return undefined;
  const read = { $code: { typescript: writer.envRead(env), python: pythonBaseUrlRead(client, env, writer) } };
  let edits: TextEdit[];
  if (key.includes('.')) {
    // `configuration: { baseURL }`, `clientOptions: { baseURL }`: into the object when the call already has one.
    const [head, inner] = key.split('.');
    const existing = client.args.options[head]?.value;
    if (existing && (existing.kind !== 'object' || existing.args.hasSpread)) return undefined;
    edits = existing?.kind === 'object' ? writer.addOption(existing.args, inner, read, text) : writer.addOption(client.args as ArgsFact, head, { [inner]: read }, text);
  } else edits = writer.addOption(client.args, key, read, text);
  if (edits.length === 0) return undefined;
  const example = gatewayExampleFor(dialectOf(client));
  const sdkDefault = SDK_DEFAULT_BASE_URLS.find((d) => d.provider === client.provider && d.module === client.module)?.url ?? null;
  return { title: `Read the base URL from ${env} (gateway wiring)`, edits: [...edits, ...envImports(writer, text), ...envExample(ws, env, sdkDefault, client.path, example)], safety: 'unsafe' };
}

/**
 * @google/generative-ai: the base URL goes in each model's request options (`getGenerativeModel(params, { baseUrl })`),
 * so the fix sets it in every call on the client that has none, and only when those calls are all of its uses (the
 * client is not exported or handed out) and every release the package.json allows passes the options down (0.7.1).
 */
function modelsToEnv(client: ClientFact, env: string, writer: CodeWriter, ws: WorkspaceView, text: string): Fix | undefined {
  const models = client.modelRequests!;
  if (models.escapes) return undefined;
  const pin = declaredNpmCeiling(ws.readText, ws.root, client.path, '@google/generative-ai');
  if (pin && ceilingBelow(pin, GOOGLE_GENERATIVE_AI_JS_SINCE.requestOptionsPassedDown)) return undefined;
  const read = writer.envRead(env);
  const edits: TextEdit[] = [];
  for (const call of models.calls) {
    const options = call.requestOptions;
    if ('baseUrl' in options.options) continue;
    if (call.paramsEnd !== undefined) edits.push({ start: call.paramsEnd, end: call.paramsEnd, newText: `, { baseUrl: ${read} }` });
    else if (options.span && !options.hasSpread && !options.detached) edits.push(...writer.addOption(options, 'baseUrl', { $code: { typescript: read, python: read } }, text));
    else return undefined;
  }
  if (edits.length === 0) return undefined;
  return { title: `Read each model's base URL from ${env} (gateway wiring)`, edits: [...edits, ...envExample(ws, env, null, client.path, gatewayExampleFor('gemini'))], safety: 'unsafe' };
}

/**
 * The read of the base URL for a Python client. ChatAnthropic takes ANTHROPIC_API_URL, then ANTHROPIC_BASE_URL, as its
 * option's default, which an explicit `base_url=None` (an unset variable) replaces: the read keeps that precedence.
 */
function pythonBaseUrlRead(client: ClientFact, env: string, writer: CodeWriter): string {
  const reader = { sdk: client.sdk, language: 'python' as const };
  if (!baseUrlEnvLostToExplicitNone(client.provider, reader)) return writer.envRead(env);
  const first = BASE_URL_ENV.find((e) => e.provider === client.provider && e.lostToExplicitNone && baseUrlEnvFor(client.provider, reader).includes(e.name));
  return first && first.name !== env ? `os.environ.get(${JSON.stringify(first.name)}, ${writer.envRead(env)})` : writer.envRead(env);
}

function envImports(writer: CodeWriter, text: string): TextEdit[] {
  return writer.envReadImports.map(([mod, names]) => writer.ensureImport(text, mod, names)).filter((e): e is TextEdit => e !== null);
}

/** The client whose options hold the literal (`new OpenAI({ baseURL: 'https://…' })`), if one does. */
function readerOf(ep: EndpointLiteral, clients: readonly ClientFact[]): ClientFact | undefined {
  return clients.find((c) => c.span.start <= ep.span.start && ep.span.end <= c.span.end);
}

/** The client speaks the OpenAI API (the openai SDKs, ChatOpenAI, createOpenAI, createOpenAICompatible, OpenAILike…). */
function speaksOpenAi(client: ClientFact | undefined): boolean {
  return !!client && (client.sdk === 'openai' || /OpenAI/.test(client.className));
}

/**
 * What the client speaks to its base URL, and in which shape (catalogue GATEWAY_EXAMPLES): the AI SDK's Anthropic and
 * Google providers put the API version in their base URL; the Anthropic and Google SDKs take a host.
 */
function dialectOf(client: ClientFact): BaseUrlDialect {
  if (speaksOpenAi(client) || client.provider === 'openai') return 'openai';
  const aiSdk = client.sdk === 'ai-sdk';
  if (client.provider === 'anthropic') return aiSdk ? 'anthropic-v1' : 'anthropic';
  if (client.provider === 'google') return aiSdk ? 'gemini-v1beta' : 'gemini';
  return 'openai';
}

/** The variable a client's fix reads: the AI SDK's Google provider gets one of its own (AI_SDK_GOOGLE_BASE_URL_ENV). */
function fixEnvOf<E extends string | undefined>(client: ClientFact, providerEnv: E): string | E {
  return dialectOf(client) === 'gemini-v1beta' ? AI_SDK_GOOGLE_BASE_URL_ENV : providerEnv;
}

/** What projects call the committed template of their `.env`, most common first. */
const ENV_TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', 'env.example'];
/** Files that mark a service's own directory (a package of a monorepo, a Python service). */
const SERVICE_MANIFESTS = ['package.json', 'pyproject.toml', 'requirements.txt', 'Dockerfile'];

/**
 * Documents the variable in the env template nearest the code (`.env.example`, `.env.sample`, `.env.template`, …: a
 * service's own, in a monorepo), else creates `.env.example` in the code's service directory or the workspace root.
 */
function envExample(ws: WorkspaceView, env: string, current: string | null, codePath: string, example = gatewayExampleFor('openai')): TextEdit[] {
  // The nearest template, whatever its name; else a new `.env.example` in the nearest service directory (a monorepo
  // app's own), else at the workspace root.
  let file: string | undefined;
  let service: string | undefined;
  for (let dir = path.dirname(codePath); dir.startsWith(ws.root); dir = path.dirname(dir)) {
    const template = ENV_TEMPLATES.map((n) => path.join(dir, n)).find((f) => ws.readText(f) !== undefined);
    if (template) {
      file = template;
      break;
    }
    if (!service && SERVICE_MANIFESTS.some((m) => ws.readText(path.join(dir, m)) !== undefined)) service = dir;
    if (dir === ws.root || dir === path.dirname(dir)) break;
  }
  file ??= path.join(service ?? ws.root, '.env.example');
  const existing = ws.readText(file);
  // With no URL to keep, the variable stays commented out: openai-python takes an empty OPENAI_BASE_URL for the base
  // URL itself (openai/openai-python#2927), so a copied `.env` with `OPENAI_BASE_URL=` would break every call.
  const line = current
    ? `# Point the LLM client at your gateway (LiteLLM proxy, Portkey, Helicone, …); today: ${current}\n${env}=${current}\n`
    : `# Point the LLM client at your gateway (LiteLLM proxy, Portkey, Helicone, …), e.g.:\n# ${env}=${example}\n`;
  if (existing === undefined) return [{ path: file, start: 0, end: 0, newText: line, createFile: true }];
  if (new RegExp(`^\\s*#?\\s*(export\\s+)?${env}=`, 'm').test(existing)) return [];
  const nl = lineBreakOf(existing);
  const sep = existing.length === 0 || existing.endsWith('\n') ? '' : nl;
  return [{ path: file, start: existing.length, end: existing.length, newText: sep + line.replace(/\n/g, nl) }];
}
