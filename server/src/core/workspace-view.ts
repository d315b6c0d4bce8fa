import * as path from 'node:path';
import type { Config } from './config';
import type { VersionCeiling } from './manifests';
import type { PythonPins } from './python-pins';
import { isTestFile } from './test-paths';
import { oncePerText } from './text';
import { AZURE_AI_INFERENCE_TRACING, MISTRAL_SDK_TRACING } from './observability-setup';
import type { EnvDefinition, FileFacts, Hop, LanguageId, LlmCallSite, Sdk } from './types';

/** What rules may know about the rest of the workspace. Built by the engine; read-only for rules. */
export interface WorkspaceView {
  root: string;
  config: Config;
  /** Variables defined in .env files, Dockerfile ENV lines, compose files, Kubernetes manifests, Helm values. */
  envDefinitions: EnvDefinition[];
  /** Packages the workspace depends on (package.json, requirements*.txt, pyproject.toml). */
  dependencies: Set<string>;
  /**
   * The Python version bounds that hold for a file: those of the manifests of its own app (the nearest directory above
   * it with a requirements*.txt, pyproject.toml, Pipfile, setup.py or lockfile), or of the whole workspace when no
   * manifest is above it. See python-pins.ts.
   */
  pythonPins?(file: string): PythonPins;
  /** GenAI instrumentation found anywhere (dependencies or code), e.g. `@opentelemetry/instrumentation-openai`. */
  instrumentation: string[];
  /**
   * The instrumentation that can record calls of one language: a Python instrumentor (its import, or a
   * requirements/pyproject dependency) traces no Node process. Set-ups made by the environment count for both.
   */
  instrumentationOf?: Record<'python' | 'typescript', string[]>;
  /** Infrastructure hops found anywhere in the workspace. */
  hops: Hop[];
  /** Every LLM call site in the workspace, as of the last analysis of each file. */
  callSites(): LlmCallSite[];
  /** Facts of every analysed file. */
  files(): Iterable<FileFacts>;
  /** Current text of a file the engine knows, else read from disk; undefined when missing. */
  readText(path: string): string | undefined;
}

/**
 * A test for source that imports the module at `modulePath` by its file name: `from './client'`, `require('../lib/title')`
 * in TypeScript/JavaScript, `from app.llm import client` in Python. Null for `index` / `__init__` modules, which are
 * imported by their directory's name. Text matching, so it may also match a module of the same name elsewhere.
 */
export function importsModuleNamed(modulePath: string): RegExp | null {
  const base = path.basename(modulePath).replace(/\.[^.]+$/, '');
  if (base === 'index' || base === '__init__') return null;
  const escaped = base.replace(/[$.]/g, '\\$&');
  return modulePath.endsWith('.py') ? new RegExp(`\\b(from|import)\\s+[\\w.]*\\b${escaped}\\b`) : new RegExp(`['"][^'"\\n]*/${escaped}(\\.[cm]?[jt]sx?)?['"]`);
}

export function envDefined(ws: WorkspaceView, name: string): EnvDefinition[] {
  return ws.envDefinitions.filter((d) => d.name === name);
}

/**
 * A module-level setting of a default client (`openai.base_url = …`, matched by its `baseUrlSettings`) written in some
 * file of the workspace in `language`: it configures every call of the process.
 */
export function moduleSettingWritten(ws: WorkspaceView, settings: RegExp | null | undefined, language: string): boolean {
  return !!settings && [...ws.files()].some((f) => f.language === language && settings.test(f.text));
}

const LANGSMITH_SWITCH = 'LANGCHAIN_TRACING_V2|LANGSMITH_TRACING(?:_V2)?';
const LANGSMITH_SWITCH_NAME = new RegExp(`^(?:${LANGSMITH_SWITCH})$`);
/** `true` in any case, or 1: what LangSmith reads as on. */
const TRUE = '[Tt][Rr][Uu][Ee]|1';

/**
 * Python code that sets one of `names` (a regex alternation) to true or 1 for its own process, on a line not commented
 * out: `os.environ["X"] = "true"`, `os.environ.setdefault("X", "1")`. Only a literal, as in an env file: a value read
 * from elsewhere (`= settings.tracing`) may be off.
 */
export function pythonEnvSetTrue(names: string): string {
  return `^(?![ \\t]*#)[^\\n]*\\benviron\\s*(?:\\[\\s*["'](?:${names})["']\\s*\\]\\s*=|\\.\\s*setdefault\\s*\\(\\s*["'](?:${names})["']\\s*,)\\s*["'](?:${TRUE})["']`;
}

/** `os.environ["X"] = value` / `os.environ.setdefault("X", value)` on a line not commented out: name, value text. */
const PYTHON_ENV_SET = /^(?![ \t]*#)[^\n]*?\benviron\s*(?:\[\s*["']([A-Za-z_]\w*)["']\s*\]\s*=(?!=)|\.\s*setdefault\s*\(\s*["']([A-Za-z_]\w*)["']\s*,)[ \t]*([^\n]*)/gm;
/** `process.env.X = value` / `process.env["X"] = value` on a line not commented out. */
const JS_ENV_SET = /^(?![ \t]*\/\/)[^\n]*?\bprocess\.env\s*(?:\.([A-Za-z_$][\w$]*)\b|\[\s*["'`]([A-Za-z_$][\w$]*)["'`]\s*\])\s*=(?!=)[ \t]*([^\n]*)/gm;

/** Every variable the text sets for its own process, once per text (rules ask per client). */
function envSetsIn(text: string, assignment: RegExp): Omit<EnvDefinition, 'path'>[] {
  const out: Omit<EnvDefinition, 'path'>[] = [];
  for (const m of text.matchAll(assignment)) {
    const literal = /^[rRuU]?(["'`])([^"'`\\\n]*)\1/.exec(m[3]);
    // An empty string sets nothing the SDKs read.
    if (literal && literal[2] === '') continue;
    const start = m.index + m[0].length - m[3].length;
    out.push({ name: m[1] ?? m[2], value: literal ? literal[2] : null, span: { start, end: start + m[3].length } });
  }
  return out;
}
const pythonEnvSets = oncePerText((text) => envSetsIn(text, PYTHON_ENV_SET));
const jsEnvSets = oncePerText((text) => envSetsIn(text, JS_ENV_SET));

/**
 * The definitions of the variables a client of file `filePath` reads among `names`: the workspace's (env files,
 * Dockerfiles, manifests), then those the file's own code sets for its process before the client reads them, on a
 * line not commented out: Python `os.environ["X"] = value` / `os.environ.setdefault("X", value)`, JavaScript
 * `process.env.X = value`. A set `value` is the literal's text, or null when it is read from elsewhere
 * (`= settings.api_base`); an empty literal sets nothing.
 */
export function envDefinitionsSeenFrom(ws: WorkspaceView, filePath: string, text: string, names: readonly string[], language: LanguageId): EnvDefinition[] {
  const python = language === 'python';
  if (names.length === 0 || !text.includes(python ? 'environ' : 'process.env')) return ws.envDefinitions;
  const setHere = (python ? pythonEnvSets : jsEnvSets)(text)
    .filter((d) => names.includes(d.name))
    .map((d) => ({ path: filePath, ...d }));
  return setHere.length ? [...ws.envDefinitions, ...setHere] : ws.envDefinitions;
}

/** Code that switches LangSmith tracing on for its own process (pythonEnvSetTrue; JavaScript's `process.env.X = 'true'`). */
const LANGSMITH_SET_IN_CODE = {
  python: new RegExp(pythonEnvSetTrue(LANGSMITH_SWITCH), 'm'),
  js: new RegExp(`^(?![ \\t]*//)[^\\n]*\\bprocess\\.env\\s*(?:\\.(?:${LANGSMITH_SWITCH})|\\[\\s*["'](?:${LANGSMITH_SWITCH})["']\\s*\\])\\s*=\\s*["'\`](?:${TRUE})["'\`]`, 'm'),
};

/**
 * LangChain traces every run to LangSmith, token usage included, when tracing is switched on in the environment
 * (`LANGCHAIN_TRACING_V2=true`, `LANGSMITH_TRACING=true` in a workspace env file), or by some module of the
 * workspace in `language` for its own process (not a test module, whose setting never reaches the served process).
 */
export function langsmithTracing(ws: WorkspaceView, language: LanguageId): boolean {
  if (ws.envDefinitions.some((d) => LANGSMITH_SWITCH_NAME.test(d.name) && /^(true|1)$/i.test(d.value ?? ''))) return true;
  const kind = language === 'python' ? 'python' : 'js';
  let byKind = langsmithInCode.get(ws);
  if (!byKind) langsmithInCode.set(ws, (byKind = {}));
  return (byKind[kind] ??= setByProductionCode(ws, kind, LANGSMITH_SET_IN_CODE[kind], /TRACING/));
}
const langsmithInCode = new WeakMap<WorkspaceView, { python?: boolean; js?: boolean }>();

/**
 * Some module of the workspace in `kind` (TypeScript and JavaScript are one) matches `setting` (a switch it sets for its
 * own process), outside its tests: a test module's setting never reaches the served process. `mention`, when given, is
 * a cheaper test the text must pass first.
 */
export function setByProductionCode(ws: WorkspaceView, kind: 'python' | 'js', setting: RegExp, mention?: RegExp): boolean {
  return [...ws.files()].some(
    (f) =>
      (kind === 'python' ? f.language === 'python' : f.language === 'typescript' || f.language === 'javascript') &&
      (!mention || mention.test(f.text)) &&
      setting.test(f.text) &&
      !isTestFile(f.path, ws.root, f.language, (p) => ws.readText(p) !== undefined),
  );
}

/** The GenAI instrumentation that records calls of `language` (all of it when the view does not say). */
export function instrumentationFor(ws: WorkspaceView, language: string): string[] {
  return ws.instrumentationOf?.[language === 'python' ? 'python' : 'typescript'] ?? ws.instrumentation;
}

/**
 * Langfuse's `@observe()` decorator (`langfuse.decorators`, `from langfuse import observe`): it records the function's
 * input, output, timing and errors, not the token usage of the calls made in it, which reaches Langfuse through its
 * OpenAI / LangChain / LlamaIndex integrations or when the code hands it over (`update_current_observation(usage=…)`).
 */
export const LANGFUSE_OBSERVE = 'langfuse (observe)';

/**
 * SDKs that do not send their requests through the `openai` package or a framework's callbacks: Langfuse's OpenAI
 * drop-in (which patches the `openai` package process-wide) and its LangChain / LlamaIndex handlers never see them.
 */
const OUTSIDE_LANGFUSE_INTEGRATIONS = new Set<LlmCallSite['sdk']>(['anthropic', 'google-genai', 'google-generativeai', 'ollama', 'mistral', 'boto3', 'aws-sdk', 'http']);

/**
 * GenAI instrumentation set up for this file's language records the token usage of this call. Spans alone do not:
 * Langfuse's `observe` decorator records none, and its integrations only the calls that go through them.
 */
export function instrumentationRecordsUsage(ws: WorkspaceView, file: Pick<FileFacts, 'language' | 'instrumentation'>, site: LlmCallSite): boolean {
  const ids = new Set([...instrumentationFor(ws, file.language), ...file.instrumentation]);
  for (const id of ids) {
    if (id === LANGFUSE_OBSERVE) continue;
    if (Object.hasOwn(SDK_ONLY_INSTRUMENTATION, id) && SDK_ONLY_INSTRUMENTATION[id] !== site.sdk) continue;
    if (id === 'langfuse' && file.language === 'python' && OUTSIDE_LANGFUSE_INTEGRATIONS.has(site.sdk)) continue;
    return true;
  }
  return false;
}

/**
 * Instrumentation that records the calls of one SDK only: OpenTelemetry's botocore instrumentation, boto3's Bedrock
 * calls; the Mistral instrumentors, and the mistralai SDK's own spans under an application's tracer provider;
 * azure-ai-inference's AIInferenceInstrumentor, its ChatCompletionsClient's requests.
 */
const SDK_ONLY_INSTRUMENTATION: Readonly<Record<string, Sdk>> = {
  'opentelemetry-instrumentation-botocore': 'boto3',
  'opentelemetry-instrumentation-mistralai': 'mistral',
  'openinference-instrumentation-mistralai': 'mistral',
  [MISTRAL_SDK_TRACING]: 'mistral',
  [AZURE_AI_INFERENCE_TRACING]: 'azure-ai-inference',
};

/** Instrumentation that records one SDK's calls only (botocore's, Mistral's). */
export function isSdkOnlyInstrumentation(id: string): boolean {
  return Object.hasOwn(SDK_ONLY_INSTRUMENTATION, id);
}

/**
 * GenAI instrumentation records the calls of this file: set up in the file, or elsewhere for the file's language.
 * Without `sdk`, only instrumentation that records every SDK's calls counts; with it, also the one for that SDK alone.
 */
export function instrumentsFile(ws: WorkspaceView, file: Pick<FileFacts, 'language' | 'instrumentation'>, sdk?: Sdk): boolean {
  return [...instrumentationFor(ws, file.language), ...file.instrumentation].some((id) => !Object.hasOwn(SDK_ONLY_INSTRUMENTATION, id) || SDK_ONLY_INSTRUMENTATION[id] === sdk);
}

/** The upper bound the manifests governing `file` put on Python package `pkg` (`openai==1.25.1`), if any. */
export function pythonCeiling(ws: WorkspaceView, file: string, pkg: string): (VersionCeiling & { manifest: string }) | undefined {
  return ws.pythonPins?.(file).ceilings.get(pkg);
}

/** The oldest release of Python package `pkg` the manifests governing `file` allow (`>=0.1.7`), if they say. */
export function pythonFloor(ws: WorkspaceView, file: string, pkg: string): { version: string; manifest: string } | undefined {
  return ws.pythonPins?.(file).floors.get(pkg);
}
