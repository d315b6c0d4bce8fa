import { emptyFacts, type FrontEnd, type ProjectFiles } from '../../core/front-end';
import { isTestFile, withoutTraffic } from '../../core/test-paths';
import type { ClientFact, DefaultClient, FileFacts, LanguageId, LlmCallSite } from '../../core/types';
import { LEGACY_OPENAI_METHODS } from '../../core/catalog/sdk-defaults';
import { SENTRY_AI_MONITORING } from '../../core/observability-setup';
import { markAccountOnlyClients } from './extract/account-clients';
import { markBaseUrlFallbackClients } from './extract/base-url-fallback-clients';
import { annotateCallSites } from './extract/call-annotations';
import { adkAgentSitesIn } from './extract/adk-agents';
import { agentSitesIn } from './extract/agents';
import { dspyLmSitesIn } from './extract/dspy';
import { smolagentsModelSitesIn } from './extract/smolagents';
import { ag2LlmConfigClients } from './extract/ag2-llm-config';
import { crewaiAgentFacts } from './extract/crewai-agents';
import { markAgentsDefaultClients } from './extract/agent-timeouts';
import { callSitesIn } from './extract/call-sites';
import { PyFile } from './extract/file-context';
import { historyCandidates, historyFetchesIn, historyNamesOf, runnableHistoriesIn } from './extract/history';
import { prebuiltAgentHistoriesIn } from './extract/langgraph-state';
import { sharedHistoriesIn } from './extract/shared-history';
import { envReadsIn, instrumentationImports, literalFacts } from './extract/literals';
import { sentrySetUpsIn } from './extract/sentry';
import { agentLoopsIn, MCP_MENTION, mcpCallsIn } from './extract/mcp';
import { promptLoadsIn } from './extract/prompt-loads';
import { clientConstruction, clientSubclassNames, resolveExpr } from './extract/resolve';
import { RequestPaths } from './extract/request-paths';
import { clientClassOf, LLM_MENTION, OTHER_MENTION } from './extract/sdk';
import { callOfName, nodesMatching } from './extract/text-search';
import { escapeRegExp } from '../../core/text';
import { isPythonPath, WorkspaceIndex } from './extract/workspace-index';
import { OffsetMap } from './offsets';
import { firstErrorNode, forgetTree, indexUnit, parseMirror, pythonReady } from './parser';
import { pythonWriter, pythonWriterFor } from './writer';

export { initPython } from './parser';

const KEEP_TREE_MAX_CHARS = 1024 * 1024;

/** The Python front end: web-tree-sitter parsing, the same facts as the TypeScript front end. */
export function createPythonFrontEnd(): FrontEnd {
  let index: WorkspaceIndex | null = null;
  let lastProject: ProjectFiles | null = null;
  const indexFor = (project: ProjectFiles) => {
    if (!index) index = new WorkspaceIndex(project);
    else index.setProject(project);
    return index;
  };

  return {
    languageOf: (p: string): LanguageId | null => (isPythonPath(p) ? 'python' : null),

    analyze(p: string, text: string, project: ProjectFiles): FileFacts {
      lastProject = project;
      const facts = emptyFacts(p, 'python', text);
      if (!pythonReady()) {
        facts.errors.push({ path: p, message: 'Python parser not initialised', transient: true });
        return facts;
      }
      const llm = LLM_MENTION.test(text);
      if (!llm && !OTHER_MENTION.test(text) && !MCP_MENTION.test(text)) return facts;
      const tree = parseMirror(p, text);
      if (!tree) {
        facts.errors.push({ path: p, message: 'Could not parse: the file took too long to parse' });
        return facts;
      }
      const idx = indexFor(project);
      idx.beginAnalysis(p);
      try {
        const file = new PyFile(p, text, tree.root, new OffsetMap(text, indexUnit()), idx);
        if (tree.root.hasError) facts.errors.push(syntaxError(file));
        extract(file, facts, llm);
        // pytest modules, conftest fixtures and mocks call patched clients (`respx`, `monkeypatch`).
        if (isTestFile(p, project.root, 'python', (q) => project.has(q))) withoutTraffic(facts);
      } finally {
        idx.endAnalysis();
        // Keep trees of ordinary files for incremental reparsing; a generated giant is parsed afresh when it changes.
        if (text.length > KEEP_TREE_MAX_CHARS) forgetTree(p);
      }
      return facts;
    },

    writer: (language: LanguageId, p?: string) => (language !== 'python' ? null : p && lastProject ? pythonWriterFor(p, lastProject) : pythonWriter),

    dependents(p: string): string[] {
      return index?.dependents(p) ?? [];
    },

    forget(p: string): void {
      index?.forget(p);
      forgetTree(p);
    },
  };
}

/** A ready instance; an engine should get its own from createPythonFrontEnd() (the instance caches one workspace). */
export const pythonFrontEnd: FrontEnd = createPythonFrontEnd();

function extract(file: PyFile, facts: FileFacts, llm: boolean): void {
  const history = historyCandidates(file);
  const reasons = new RequestPaths(file, () => file.index.externalSeeds(file.path));
  const requestUrls = new Set<number>();
  if (llm) {
    const env = { file, reasons, historyNames: historyNamesOf(file, history), requestUrls };
    facts.callSites = callSitesIn(env);
    facts.clients = clientsIn(file);
    markAgentsDefaultClients(file, facts.clients);
    markAccountOnlyClients(file, facts.clients);
    markBaseUrlFallbackClients(file, facts.clients);
    annotateCallSites(file, facts.callSites);
    // An agent's construction is not a request: nothing around it times or traces a request.
    const agents = [...agentSitesIn(env), ...adkAgentSitesIn(env), ...dspyLmSitesIn(env), ...smolagentsModelSitesIn(env)];
    if (agents.length) facts.callSites = [...facts.callSites, ...agents].sort((a, b) => a.span.start - b.span.start);
  }
  facts.mcpCalls = mcpCallsIn(file, reasons);
  facts.agentLoops = agentLoopsIn(file, facts.callSites, facts.mcpCalls);
  facts.promptLoads = promptLoadsIn(file, reasons, facts.callSites);
  facts.historyFetches = [...historyFetchesIn(file, history, facts.callSites), ...(llm ? [...runnableHistoriesIn(file), ...prebuiltAgentHistoriesIn(file), ...sharedHistoriesIn(file, facts.callSites, reasons)] : [])];
  literalFacts(file, facts.endpoints, facts.secrets, facts.attributes);
  // A URL constant a model request is sent to, or begins with (`f"{GEMINI_URL}/models/…"`), is that request's endpoint.
  for (const e of facts.endpoints) if (e.role === 'other' && requestUrls.has(e.span.start)) e.role = 'request';
  const sentry = sentrySetUpsIn(file);
  facts.instrumentation = instrumentationImports(file, sentry);
  // Tracing on and every AI integration off: the project's spans go to Sentry, and its LLM calls make none.
  const withoutAi = sentry.find((s) => s.tracing && s.aiOff);
  if (withoutAi?.aiOff && !facts.instrumentation.includes(SENTRY_AI_MONITORING)) facts.sentryTracingWithoutAi = { span: withoutAi.span, off: withoutAi.aiOff };
  facts.envReads = envReadsIn(file);
  const modules = moduleClients(file, facts.callSites);
  if (modules.length) facts.defaultClients = modules;
}

/**
 * Where the openai module is pointed in code: `openai.base_url = …` (`openai.api_base` before 1.0), or at Azure
 * (`openai.api_type = "azure"`, `openai.azure_endpoint = …`).
 */
const MODULE_BASE_URL = /(?<![\w.])openai\s*\.\s*(base_url|api_base|api_type|azure_endpoint)\s*=(?!=)/;

/**
 * openai-python's module client: `openai.chat.completions.create(…)` (1.x reads OPENAI_BASE_URL) and, before 1.0,
 * `openai.ChatCompletion.create(…)` (reads OPENAI_API_BASE). Each is one client per file, named at its first call.
 */
function moduleClients(file: PyFile, sites: LlmCallSite[]): DefaultClient[] {
  const out: DefaultClient[] = [];
  const direct = sites.filter((s) => s.sdk === 'openai' && !s.client && s.provider === 'openai');
  const modern = direct.find((s) => s.moduleClient);
  const legacy = direct.find((s) => LEGACY_OPENAI_METHODS.includes(s.method));
  // The module client also goes to Azure when OPENAI_API_TYPE / AZURE_OPENAI_ENDPOINT are set (openai-python
  // src/openai/__init__.py reads them for its module client).
  const azure = ['OPENAI_API_TYPE', 'AZURE_OPENAI_ENDPOINT'];
  if (modern) out.push({ path: file.path, label: 'The openai module client', provider: 'openai', span: modern.nameSpan, baseUrlEnv: ['OPENAI_BASE_URL', ...azure], baseUrlSettings: MODULE_BASE_URL });
  if (legacy) out.push({ path: file.path, label: 'The openai module client (openai < 1.0)', provider: 'openai', span: legacy.nameSpan, baseUrlEnv: ['OPENAI_API_BASE', 'OPENAI_API_TYPE'], baseUrlSettings: MODULE_BASE_URL });
  return out;
}

const CONSTRUCTION = /\b((?:Async)?(?:Azure)?(?:OpenAI|Anthropic(?:Bedrock|Vertex)?|ChatOpenAI|AzureChatOpenAI|ChatAnthropic|ChatGoogleGenerativeAI|ChatGroq|ChatDeepSeek|ChatLiteLLM|OpenAI(?:Chat)?Generator|Groq|Cerebras)|(?:Async)?(?:Inference)?Client(?:V2)?|Mistral(?:Async)?(?:Client)?|Router|init_chat_model|create_agent|create_react_agent|create_deep_agent|client|LLM|(?:Azure)?OpenAIChatCompletionClient|(?:OpenAI|Azure)ChatCompletion|ChatCompletionsClient)\s*\(/dg;

/** Every client construction in the file, including through aliased imports (`OpenAI as OAI`). */
function clientsIn(file: PyFile): ClientFact[] {
  const calls = nodesMatching(file, CONSTRUCTION, 1, callOfName);
  const aliases = [...file.imports.values()].filter((b) => b.name && b.name !== b.local && clientClassOf(`${b.module}.${b.name}`)).map((b) => escapeRegExp(b.local));
  if (aliases.length) {
    calls.push(...nodesMatching(file, new RegExp(`(?<![\\w.])(${aliases.join('|')})\\s*\\(`, 'dg'), 1, callOfName));
    calls.sort((a, b) => a.startIndex - b.startIndex);
  }
  const out: ClientFact[] = [];
  for (const call of calls) {
    const c = clientConstruction(file, call);
    if (c) out.push(c);
  }
  const crewai = crewaiAgentFacts(file);
  for (const c of out) if (crewai.handedToAgents.has(c.span.start) && c.sdk !== 'crewai') c.crewaiAgent = true;
  if (crewai.llms.length) out.push(...crewai.llms);
  out.push(...ag2LlmConfigClients(file));
  // `WrappedChatOpenAI(…)` / `model(**kwargs)`: a workspace subclass built exactly like its client class.
  const subclasses = clientSubclassNames(file);
  if (subclasses.length) {
    for (const call of nodesMatching(file, new RegExp(`(?<![\\w.])(${subclasses.map(escapeRegExp).join('|')})\\s*\\(`, 'dg'), 1, callOfName)) {
      const r = resolveExpr(file, call);
      if (r.kind === 'client' && r.client.span.start === call.startIndex && !out.some((c) => c.span.start === call.startIndex)) out.push(r.client);
    }
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** The first syntax error, reported once; the rest of the tree still gives facts. */
function syntaxError(file: PyFile): FileFacts['errors'][number] {
  const first = firstErrorNode(file.root);
  const span = first ? file.span(first) : { start: 0, end: 0 };
  const line = file.text.slice(0, span.start).split('\n').length;
  return { path: file.path, message: `Syntax error at line ${line} (findings may be incomplete)`, span };
}

