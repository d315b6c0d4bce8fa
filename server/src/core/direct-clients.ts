import * as path from 'node:path';
import { BASE_URL_ENV_UNREAD_BEFORE, baseUrlEnvFor, gatewayForUrl, providerForUrl } from './catalog/providers';
import { clientOptionNames } from './catalog/sdk-defaults';
import { ceilingBelow, declaredNpmCeiling } from './manifests';
import type { ClientFact, EnvDefinition, FileFacts, Provider, Sdk } from './types';
import { envDefinitionsSeenFrom, importsModuleNamed, pythonCeiling, type WorkspaceView } from './workspace-view';

export const PROVIDER_HOSTS: Record<string, string> = { openai: 'api.openai.com', anthropic: 'api.anthropic.com', google: 'generativelanguage.googleapis.com', together: 'api.together.xyz', groq: 'api.groq.com', cohere: 'api.cohere.com', cerebras: 'api.cerebras.ai' };

/** LangChain chat models of a cloud platform (a Google Cloud project's Vertex AI, an AWS account's Bedrock). */
const CLOUD_PLATFORM_CHAT_MODELS = new Set(['ChatVertexAI', 'ChatBedrockConverse']);

/** A client that sends its requests straight to its provider's API: the host, why, and the variables it reads. */
export interface DirectClient {
  host: string;
  why: string;
  /** The base-URL variables of the client's provider (the first is the one a fix reads). */
  envNames: string[];
  /** Those this client reads, in a release the manifest allows. */
  liveEnv: string[];
}

/**
 * The client talks to its provider's own API: no base URL in its options or assigned later, and none of the variables
 * it reads (in a release the manifest allows) is defined in the workspace. Null for clients of a cloud platform
 * (Bedrock, Vertex AI, Azure), clients built from a spread, and clients used only for account calls.
 */
export function directClient(client: ClientFact, ws: WorkspaceView): DirectClient | null {
  const language: 'python' | 'typescript' = client.path.endsWith('.py') ? 'python' : 'typescript';
  const envNames = baseUrlEnvFor(client.provider, { sdk: client.sdk, language });
  if (client.modelRequests) return directModels(client, envNames);
  if (envNames.length === 0 || client.provider === 'azure-openai' || client.args.hasSpread) return null;
  // AutoGen's OpenAIChatCompletionClient picks the endpoint from the model name when given no base_url (`gemini-…` to
  // Google's OpenAI-compatible API, and in later releases `claude-…` to Anthropic's), and `base_url=None` written in
  // the call turns that off: neither the host nor an OPENAI_BASE_URL fix can be told from the construction.
  if (client.sdk === 'autogen' && !client.ag2LlmConfig) return null;
  // A Semantic Kernel connector given `async_client=` sends through that client, judged where it is built.
  if (client.sdk === 'semantic-kernel' && client.args.options.async_client) return null;
  // AnthropicBedrock / AnthropicVertex (and LangChain.js ChatVertexAI, ChatBedrockConverse) go to the cloud
  // platform's endpoint with its credentials, not the provider's API.
  if (/(Bedrock|Vertex)$/.test(client.className) || CLOUD_PLATFORM_CHAT_MODELS.has(client.className)) return null;
  // So does a google-genai `Client(vertexai=True)` (a Vertex AI project's endpoint, GOOGLE_VERTEX_BASE_URL).
  const vertex = client.args.options.vertexai?.value;
  if (client.sdk === 'google-genai' && vertex && !(vertex.kind === 'boolean' && !vertex.value)) return null;
  if (hasBaseUrl(client, language) || client.baseUrlFallback) return null;
  const text = ws.readText(client.path) ?? '';
  if (baseUrlAssigned(client, text, ws)) return null;
  // A client used only for `models.retrieve` / `models.list` (checking a user's key) asks the provider itself; one
  // its file never uses sends nothing.
  if (client.accountOnly || client.unused) return null;
  const reader = { sdk: client.sdk, className: client.className, language };
  // The variables this client reads, less those every release the manifest allows predates.
  const unreadBy = readsBaseUrlFromEnv(client) ? envNames.map((n) => envUnreadByRelease(n, reader, client.path, ws)) : [];
  const liveEnv = readsBaseUrlFromEnv(client) ? envNames.filter((_, i) => !unreadBy[i]) : [];
  const readsEnv = liveEnv.length > 0;
  const tooOld = unreadBy.find(Boolean);
  // The workspace's definitions, and the client's own module setting the variable for its process before it reads it
  // (`os.environ["OPENAI_BASE_URL"] = settings.api_base` in the handler that builds the client).
  const defs = envDefinitionsSeenFrom(ws, client.path, text, baseUrlEnvFor(client.provider), language);
  if (liveEnv.some((n) => defs.some((d) => d.name === n && !sameProviderUrl(d, client.provider)))) return null;
  const host = PROVIDER_HOSTS[client.provider] ?? client.provider;
  const own = readsEnv ? defs.find((d) => liveEnv.includes(d.name)) : undefined;
  // OPENAI_API_BASE set for LangChain or LiteLLM does not move an openai SDK client: say so, it looks like it should.
  const unread = readsEnv ? defs.find((d) => !liveEnv.includes(d.name) && baseUrlEnvFor(client.provider).includes(d.name)) : undefined;
  const ignored = tooOld ? defs.find((d) => envNames.includes(d.name)) : undefined;
  const why = own
    ? `no base URL is set and ${own.name} in ${path.basename(own.path)} is ${host} itself`
    : readsEnv
    ? `no base URL is set and no ${liveEnv[0]} is defined in the workspace${unread ? ` (this client does not read ${unread.name}, set in ${path.basename(unread.path)})` : ''}`
    : tooOld
      ? `no base URL is set (${tooOld} reads none from the environment${ignored ? `, so ${ignored.name} set in ${path.basename(ignored.path)} does not move it` : ''})`
    : client.className === 'OpenAIApi'
      ? `no basePath is set (${client.module === 'openai-edge' ? 'openai-edge' : 'openai@3.x'} reads no base URL from the environment)`
      : client.sdk === 'langchain'
        ? `no baseUrl is set (${client.className} reads none from the environment)`
      : 'no base URL is set (this AI SDK provider reads none from the environment)';
  return { host, why, envNames, liveEnv };
}

/**
 * @google/generative-ai's `GoogleGenerativeAI`, which reads no base URL from anywhere but each model's request options:
 * direct when one of its `getGenerativeModel` calls in the file certainly passes none.
 */
function directModels(client: ClientFact, envNames: string[]): DirectClient | null {
  const bare = client.modelRequests!.calls.some((c) => !c.requestOptions.hasSpread && !('baseUrl' in c.requestOptions.options));
  if (!bare) return null;
  const why = 'getGenerativeModel is given no baseUrl in its request options (@google/generative-ai reads no base URL from the environment)';
  return { host: PROVIDER_HOSTS[client.provider] ?? client.provider, why, envNames, liveEnv: [] };
}

/** `OPENAI_BASE_URL=https://api.openai.com/v1`: the variable is set, but to the provider's own API, not a gateway. */
export function sameProviderUrl(d: EnvDefinition, provider: Provider): boolean {
  return !!d.value && !gatewayForUrl(d.value) && providerForUrl(d.value) === provider;
}

/**
 * `openai.baseURL = getBaseURL(model)` (`client.base_url = …` in Python) after the client is made, in its module or
 * in one that imports it: the requests go where that assignment says, which the literal or its own rule reports.
 * Matched by the name the client is bound to, in its own file or one that imports its module.
 */
function baseUrlAssigned(client: ClientFact, text: string, ws: WorkspaceView): boolean {
  const before = text.slice(Math.max(0, client.span.start - 200), client.span.start);
  const name = /(?:\b(?:const|let|var)\s+|\bthis\s*\.\s*|^|[\s;])([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*(?:new\s+)?$/.exec(before)?.[1];
  if (!name || /^(const|let|var|return|await|new)$/.test(name)) return false;
  const assigned = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\.\\s*(baseURL|baseUrl|base_url|basePath|api_base)\\s*=(?!=)`);
  if (assigned.test(text)) return true;
  // Another file counts when it imports the client's module (`from './client'`, `from app.llm import client`).
  const python = client.path.endsWith('.py');
  const imports = importsModuleNamed(client.path);
  if (!imports) return false;
  for (const f of filesAssigningBaseUrl(ws)) {
    if (f.path === client.path || (f.language === 'python') !== python || (!python && f.language !== 'typescript' && f.language !== 'javascript')) continue;
    if (imports.test(f.text) && assigned.test(f.text)) return true;
  }
  return false;
}

const ASSIGNS_BASE_URL = /\.\s*(baseURL|baseUrl|base_url|basePath|api_base)\s*=(?!=)/;
const assigningFiles = new WeakMap<object, FileFacts[]>();

/** The files of the workspace that assign some object's base URL: found once per workspace view, not per client. */
function filesAssigningBaseUrl(ws: WorkspaceView): FileFacts[] {
  const all = ws.files();
  let hit = assigningFiles.get(all);
  if (!hit) {
    hit = [...all].filter((f) => ASSIGNS_BASE_URL.test(f.text));
    assigningFiles.set(all, hit);
  }
  return hit;
}

/**
 * The package release that keeps `env` from moving this client, when every release the manifest allows predates its
 * read (`@ai-sdk/openai ^1.1.9 (package.json)`: the 1.x provider never reads OPENAI_BASE_URL), else null. A range that
 * also allows a release that reads it counts as reading it: the newest is what gets installed.
 */
export function envUnreadByRelease(env: string, reader: { sdk?: Sdk; className?: string; language: 'python' | 'typescript' }, file: string, ws: WorkspaceView): string | null {
  for (const e of BASE_URL_ENV_UNREAD_BEFORE) {
    if (e.name !== env || e.reader.sdk !== reader.sdk || (e.reader.language && e.reader.language !== reader.language)) continue;
    if (e.reader.className && e.reader.className !== reader.className) continue;
    if (e.registry === 'npm') {
      const pin = declaredNpmCeiling(ws.readText, ws.root, file, e.package);
      if (pin && ceilingBelow(pin, e.before)) return `${e.package} ${pin.spec} (${path.basename(pin.manifest)})`;
    } else {
      const pin = pythonCeiling(ws, file, e.package);
      if (pin && ceilingBelow(pin, e.before)) return `${e.package} ${pin.exclusive ? 'below ' : ''}${pin.version} (${path.basename(pin.manifest)})`;
    }
  }
  return null;
}

function readsBaseUrlFromEnv(client: ClientFact): boolean {
  // openai@3.x (`new OpenAIApi(new Configuration({ basePath }))`) reads no variable: its dist never touches process.env.
  if (client.className === 'OpenAIApi') return false;
  // LangChain.js ChatGoogleGenerativeAI hands @google/generative-ai its `baseUrl` only; neither reads a variable.
  if (client.sdk === 'langchain' && client.className === 'ChatGoogleGenerativeAI' && !client.path.endsWith('.py')) return false;
  return client.sdk !== 'ai-sdk' || client.provider === 'openai' || client.provider === 'anthropic';
}

/**
 * Whether the client's options name a base URL (any spelling, including nested `configuration.baseURL`), or may: a
 * nested object with a spread, or LangChain.js 0.x's second constructor argument holding one or built elsewhere.
 */
function hasBaseUrl(client: ClientFact, language: 'typescript' | 'python'): boolean {
  const legacy = client.legacyConfiguration;
  if (legacy && (legacy.hasSpread || 'basePath' in legacy.options || 'baseURL' in legacy.options)) return true;
  const names = clientOptionNames(client, language)?.baseURL ?? ['baseURL', 'base_url'];
  return names.some((n) => {
    const [head, rest] = n.split('.');
    const opt = client.args.options[head];
    if (!opt) return false;
    if (!rest) return true;
    return opt.value.kind !== 'object' || opt.value.args.hasSpread || rest in opt.value.args.options;
  });
}
