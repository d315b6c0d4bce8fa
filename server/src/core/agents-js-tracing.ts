// Whether the JavaScript OpenAI Agents SDK's tracing is off for an agent's runs (catalog/agent-frameworks.ts,
// OPENAI_AGENTS_JS): a `setTracingDisabled(true)` the front end found certain to run first (`agentsTracingOff`), or
// OPENAI_AGENTS_DISABLE_TRACING set to exactly one of the values the SDK accepts.
import { OPENAI_AGENTS_JS } from './catalog';
import { isTestEnvFile } from './test-paths';
import type { LlmCallSite } from './types';
import type { WorkspaceView } from './workspace-view';

/** What turns tracing off for the agent (as messages name it), or null when nothing certainly does. */
export function agentsJsTracingOff(ws: WorkspaceView, site: LlmCallSite): string | null {
  if (site.agentsTracingOff) return site.agentsTracingOff;
  const env = ws.envDefinitions.find((d) => d.name === 'OPENAI_AGENTS_DISABLE_TRACING' && OPENAI_AGENTS_JS.disableTracingValues.includes((d.value ?? '').trim()) && !isTestEnvFile(d.path, ws.root));
  return env ? 'OPENAI_AGENTS_DISABLE_TRACING' : null;
}
