// Whether an OpenAI Agents SDK agent's runs turn the SDK's own tracing off: a run given
// `RunConfig(tracing_disabled=True)` creates no trace and no spans (catalog/agent-frameworks.ts).
import type { PyFile } from './file-context';
import { moduleLevelName, runConfigOf } from './agent-timeouts';
import { keyword, unwrap, type Node } from './syntax';

/**
 * Every run of the agent found in its module passes a `RunConfig` with `tracing_disabled=True`: those runs are not
 * traced. The agent's module-level name is returned (another module may import it and run it traced); an agent bound
 * to an attribute (`self.agent`) is left alone, since other code may run it through the object.
 */
export function agentRunsUntraced(file: PyFile, call: Node, runs: Node[]): { sharedNames: string[] } | null {
  if (runs.length === 0 || !runs.every((run) => tracingDisabled(file, run))) return null;
  const holder = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left') : null;
  if (holder?.type !== 'identifier') return null;
  const name = moduleLevelName(file, call);
  return { sharedNames: name ? [name] : [] };
}

function tracingDisabled(file: PyFile, run: Node): boolean {
  const config = runConfigOf(file, run);
  const flag = config ? keyword(config.node.childForFieldName('arguments'), 'tracing_disabled') : null;
  return flag ? unwrap(flag).type === 'true' : false;
}
