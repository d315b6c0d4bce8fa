import { defineRule } from '../core/rule';
import { outerEdit, outerSpan } from '../languages/config/embedded-yaml';
import type { TextEdit } from '../core/types';
import {
  distinctBackends,
  forwardsToGateway,
  isAutoRouter,
  isMockDeployment,
  litellmConfigsIn,
  litellmConfigText,
  litellmKeepsModelsInDb,
  summarizeLitellm,
  type LitellmSummary,
} from '../languages/config/litellm';
import { yamlInsertLines, yamlSet } from '../languages/config/writer';
import type { YPath } from '../languages/config/yaml-ast';

const TEMPLATE_MARK = /#\s*fallbacks:/;

/**
 * The first pair of chat groups (in list order) whose deployments share no backend: a fallback between aliases of one
 * deployment re-sends the failed request to the same server. Null when every group is served by the same backends.
 */
function fallbackPair(s: LitellmSummary, groups = fallbackTargets(s)): [string, string] | null {
  for (const primary of groups) {
    const secondary = groups.find((g) => g !== primary && distinctBackends(s, primary, g));
    if (secondary) return [primary, secondary];
  }
  return null;
}

/**
 * The groups a fallback can name. A wildcard group (`ollama/*`, `*`) routes model names by pattern: as a fallback
 * target the router would ask its provider for the model `ollama/*` (audit 81). A mock (`fake-openai-endpoint`, model
 * `openai/fake` on a public mock server) or a deployment with a placeholder key would send real users' prompts to a
 * test double, or fail anyway (audit 122).
 */
function fallbackTargets(s: LitellmSummary): string[] {
  return s.groups.filter((g) => !g.includes('*') && !s.models.some((m) => m.name === g && isMockDeployment(m)));
}

/** `at` is the config's path from the document root: `['proxy_config']` in Helm values. */
function fallbackEdit(text: string, docIndex: number, at: YPath, s: LitellmSummary): { edit: TextEdit; title: string } | null {
  const targets = fallbackTargets(s);
  const pair = fallbackPair(s, targets);
  if (pair) {
    const edit = yamlSet(text, docIndex, [...at, 'router_settings', 'fallbacks'], [{ [pair[0]]: [pair[1]] }]);
    return edit ? { edit, title: `Fall back from ${pair[0]} to ${pair[1]}` } : null;
  }
  // Aliases of one deployment have nothing to fall back to: the message says so.
  if (s.groups.length > 1 && !fallbackPair(s, s.groups)) return null;
  const primary = targets[0] ?? s.groups.find((g) => !g.includes('*')) ?? s.groups[0];
  // With embedding or rerank groups beside it, the second model must be another chat model: those cannot answer.
  const chat = s.models.some((m) => m.nonChat) ? 'chat ' : '';
  const mocks = s.groups.some((g) => g !== primary && !g.includes('*') && !targets.includes(g));
  const second = mocks ? `a real ${chat}model` : `a second ${chat}model`;
  const line = `# fallbacks: [{"${primary}": ["<another model group>"]}]  # add ${second} to model_list, then uncomment`;
  if (s.routerSettings) {
    const edit = yamlInsertLines(text, docIndex, [...at, 'router_settings'], [line]);
    return edit ? { edit, title: 'Add a fallbacks template to router_settings' } : null;
  }
  const edit = yamlInsertLines(text, docIndex, at, ['# router_settings:', `#   ${line.slice(2)}`]);
  return edit ? { edit, title: 'Add a fallbacks template' } : null;
}

/** "aliases of openai//model at http://localhost:30000/v1" (or "aliases of the same deployments" when there are several). */
function oneBackend(s: LitellmSummary): string {
  const chat = s.models.filter((m) => !m.nonChat);
  const backends = new Set(chat.map((m) => m.backend));
  const m = chat[0];
  if (backends.size !== 1 || !m?.model) return 'aliases of the same deployments';
  return `aliases of ${m.model}${m.apiBase ? ` at ${m.apiBase}` : ''}`;
}

/**
 * The config without its `auto_router/…` groups: such a group picks one of its tier models per request, and the
 * fallbacks that keep the request alive are those of the tier models' groups (audit 122).
 */
function withoutAutoRouters(s: LitellmSummary): LitellmSummary {
  const models = s.models.filter((m) => !isAutoRouter(m));
  return { ...s, models, groups: s.groups.filter((g) => models.some((m) => m.name === g)) };
}

export default defineRule({
  id: 'gateway-without-fallback',
  family: 'routing',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['yaml'],
  defaultOptions: {},
  docs: {
    summary: 'LiteLLM proxy config routes to models without any fallback',
    why: [
      'A gateway\'s main job after routing is keeping requests alive when one model is down, rate-limited or out of context window. Without `fallbacks`, LiteLLM retries the same model group (`num_retries`, 2 by default) and then fails the request — during a provider incident every request fails, and each one first burns its retries against the failing model.',
      '',
      'Add `router_settings.fallbacks` (or `context_window_fallbacks` for long prompts) naming another model group. LiteLLM tries up to 5 fallbacks by default (`max_fallbacks`) and cools a failing deployment down after 3 failures (`allowed_fails`).',
      '',
      'Model groups that are aliases of one deployment — the same `litellm_params.model`, `api_base`, key and region, as when several client-facing names (Claude Code\'s, OpenWebUI\'s) map onto one local vLLM, SGLang or Ollama server — are one backend: a fallback between them re-sends the failed request to the server that just failed, after another round of retries. The message says so, and no such fallback is offered.',
      '',
      'A proxy that keeps its models in the database (`general_settings.store_model_in_db: true`, or `STORE_MODEL_IN_DB=True` in its environment) is managed from the Admin UI or `POST /fallback`: its file does not show the fallbacks, so it is not reported. The environment must be that of the proxy loading the config: a compose service that mounts the file (or a directory holding it), builds from a directory below its compose file that holds it, or is defined beside it; or a `.env`, Dockerfile, Kubernetes manifest or Helm values file in the config\'s directory or one above it. One database-backed service of a monorepo does not silence the other proxies\' configs.',
      '',
      'A proxy whose chat deployments all forward to another LiteLLM gateway (`model: litellm_proxy/…`, as a team proxy in front of a central one) is not reported: the upstream gateway applies its fallbacks. An `auto_router/…` group is not counted as a group needing a fallback: it picks one of its tier models per request, and the fallbacks that keep that request alive are those of the tier models\' groups. A wildcard group (`model_name: "*"`) routing to a provider is still counted: every request through it fails when that provider is down.',
    ].join('\n'),
    bad: [
      {
        language: 'yaml',
        filename: 'litellm/config.yaml',
        code: `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude-sonnet
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_key: os.environ/ANTHROPIC_API_KEY
router_settings:
  num_retries: 2
`,
      },
      {
        language: 'yaml',
        filename: 'deploy/litellm/values.yaml',
        code: `# Values for the LiteLLM Helm chart: proxy_config is the proxy's config.yaml.
replicaCount: 2
proxy_config:
  model_list:
    - model_name: gpt-4o
      litellm_params:
        model: openai/gpt-4o
        api_key: os.environ/OPENAI_API_KEY
    - model_name: claude-sonnet
      litellm_params:
        model: anthropic/claude-sonnet-4-5
        api_key: os.environ/ANTHROPIC_API_KEY
`,
      },
    ],
    good: [
      {
        language: 'yaml',
        filename: 'litellm/config.yaml',
        code: `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude-sonnet
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_key: os.environ/ANTHROPIC_API_KEY
router_settings:
  num_retries: 2
  fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
`,
      },
      {
        language: 'yaml',
        filename: 'deploy/litellm/values.yaml',
        code: `# Values for the LiteLLM Helm chart: proxy_config is the proxy's config.yaml.
replicaCount: 2
proxy_config:
  model_list:
    - model_name: gpt-4o
      litellm_params:
        model: openai/gpt-4o
        api_key: os.environ/OPENAI_API_KEY
    - model_name: claude-sonnet
      litellm_params:
        model: anthropic/claude-sonnet-4-5
        api_key: os.environ/ANTHROPIC_API_KEY
  router_settings:
    fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
`,
      },
    ],
    references: [
      'https://docs.litellm.ai/docs/proxy/reliability',
      'https://docs.litellm.ai/docs/routing#fallbacks',
    ],
    fixSafety: 'Unsafe: a fallback sends requests to a different model (different output, price and data-processing terms). With two or more model groups the fix falls back from the first group to the first one served by other deployments (another model, endpoint, key or region); groups that are aliases of the same deployment are never offered, since the fallback would re-send the failed request to the same server. Nor is a wildcard group (`ollama/*`): it routes model names by pattern, and as a fallback target the router would ask for the model `ollama/*`. Nor is an embedding, rerank, image or speech group (its `model_info.mode`, or without one a model id such as `text-embedding-3-small`, `bge-m3`, `e5-large` or `bge-reranker`): it cannot answer a chat request, and it is not counted as a model group. Nor is a mock or placeholder: a group whose name or model says fake, mock, dummy, stub or example (`fake-openai-endpoint`, `openai/fake`), whose `api_base` host is a mock server, or whose key is a placeholder (`eXaMpLeOnLy`, `<your-key>`; a local server\'s `EMPTY` or `none` is not): a fallback to it would send real users\' prompts to a test double. With one group, or no group left to fall back to, the fix only adds a commented template; with only aliases of one deployment there is no fix.',
  },
  check(ctx) {
    const { file } = ctx;
    for (const found of litellmConfigsIn(file.text, file.path)) {
      const { text, doc, docIndex: index, at, block } = found;
      const s = withoutAutoRouters(summarizeLitellm(doc, at.node));
      if (s.groups.length === 0 || s.fallbackKeys.length > 0) continue;
      // Every chat deployment forwards to another LiteLLM gateway: the fallbacks are that gateway's.
      if (s.models.filter((m) => !m.nonChat).every(forwardsToGateway)) continue;
      // With models kept in LiteLLM's database (the Admin UI, POST /fallback), the file does not show the fallbacks.
      if (litellmKeepsModelsInDb(found, ctx.workspace.envDefinitions, file.path)) continue;
      const span = s.modelListKey ?? s.routerSettingsKey;
      if (!span) continue;
      const alreadyTemplated = TEMPLATE_MARK.test(litellmConfigText(text, doc, at));
      const fix = alreadyTemplated ? null : fallbackEdit(text, index, at.path, s);
      const where = block ? ` (ConfigMap key ${block.key})` : at.path.length ? ` (Helm values ${at.path.join('.')})` : '';
      const kind = s.models.some((m) => m.nonChat) ? 'chat model group' : 'model group';
      const groups = s.groups.length === 1 ? `1 ${kind}` : `${s.groups.length} ${kind}s`;
      const names = `${s.groups.slice(0, 3).join(', ')}${s.groups.length > 3 ? ', …' : ''}`;
      // Several groups that are aliases of the same deployments (client-facing names for one local server): a
      // fallback between them would re-send the request to the server that just failed.
      const aliases = s.groups.length > 1 && !fallbackPair(s, s.groups) ? oneBackend(s) : null;
      // With several deployments per group the router already balances and retries across them; what no group
      // survives is the model itself failing (a provider outage, a rate limit on the model, a context overflow).
      const balanced = s.groups.every((g) => s.models.filter((m) => m.name === g).length > 1);
      const consequence = balanced
        ? 'its groups balance across deployments, but a model-wide outage, rate limit or context overflow fails the request'
        : 'so an outage or rate limit of one model fails the request';
      ctx.report({
        span: block ? outerSpan(block, span) : span,
        message: aliases
          ? `LiteLLM proxy config${where} has ${groups} (${names}) that are all ${aliases} and no fallbacks: there is no other deployment to fall back to, so an outage or rate limit of that backend fails the request`
          : `LiteLLM proxy config${where} has ${groups} (${names}) and no fallbacks${balanced ? ': ' : ', '}${consequence}`,
        fix: fix ? { title: fix.title, edits: [block ? outerEdit(block, fix.edit) : fix.edit], safety: 'unsafe' } : undefined,
      });
    }
  },
});
