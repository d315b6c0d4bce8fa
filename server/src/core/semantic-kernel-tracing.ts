// Semantic Kernel (Python) records a GenAI span around each connector request itself, but only when its experimental
// model diagnostics are switched on by the environment (catalog SEMANTIC_KERNEL.otelDiagnosticsEnv, or its _SENSITIVE
// twin). A test suite's env file or module never reaches the served process and does not count.
import { SEMANTIC_KERNEL } from './catalog';
import { isTestEnvFile } from './test-paths';
import { pythonEnvSetTrue, setByProductionCode, type WorkspaceView } from './workspace-view';

const NAMES = `${SEMANTIC_KERNEL.otelDiagnosticsEnv}(?:_SENSITIVE)?`;
const SET_IN_CODE = new RegExp(pythonEnvSetTrue(NAMES), 'im');
const NAME = new RegExp(`^${NAMES}$`);
/** What pydantic-settings reads as true for a bool field. */
const TRUE_VALUE = /^(?:true|1|yes|on)$/i;

/** The workspace turns Semantic Kernel's own GenAI spans on: the variable set true in an env file or by the code. */
export function semanticKernelDiagnosticsOn(ws: WorkspaceView): boolean {
  let on = byWorkspace.get(ws);
  if (on === undefined) {
    on = ws.envDefinitions.some((d) => NAME.test(d.name) && TRUE_VALUE.test((d.value ?? '').trim().replace(/^["']|["']$/g, '')) && !isTestEnvFile(d.path, ws.root)) || setByProductionCode(ws, 'python', SET_IN_CODE);
    byWorkspace.set(ws, on);
  }
  return on;
}

const byWorkspace = new WeakMap<WorkspaceView, boolean>();
