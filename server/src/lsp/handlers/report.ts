// `llm-infra-lint/workspaceReport`: the token-cost report over every file the engines know.
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import type { Engine, LintResult } from '../../core/engine';
import { buildReport, renderJson, renderMarkdown } from '../../core/report';
import { renderHtml } from '../../core/report-html';
import { codeRetryLayers, retryLayers } from '../../core/retry-chain';
import type { WorkspaceView } from '../../core/workspace-view';
import { WorkspaceReportRequest, type WorkspaceReportParams, type WorkspaceReportResult } from '../../protocol/protocol';
import type { Session } from './session';

const SLICE_MS = 15;

/** Registers `llm-infra-lint/workspaceReport`. */
export function registerReport(session: Session): void {
  session.connection.onRequest(WorkspaceReportRequest, (params, token) =>
    session.guard<WorkspaceReportResult>('workspaceReport', { markdown: 'The report could not be built; see the llm-infra-lint output.', json: null }, () =>
      workspaceReport(session, params ?? { format: 'markdown' }, token),
    ),
  );
}

/** How long a report asked for during start-up waits for the first scan to begin. */
const START_WAIT_MS = 15_000;

async function workspaceReport(session: Session, params: WorkspaceReportParams, token: CancellationToken): Promise<WorkspaceReportResult> {
  // A request can arrive before the first scan has started (while the client answers workspace/configuration):
  // wait for it rather than report an empty workspace.
  const deadline = Date.now() + START_WAIT_MS;
  while (session.state === 'starting' && Date.now() < deadline && !token.isCancellationRequested) await new Promise((r) => setTimeout(r, 25));
  await session.scanning;
  const engines = session.allEngines();
  const results: LintResult[] = [];
  const engineOf = new Map<string, Engine>();
  let sliceStart = Date.now();
  for (const engine of engines) {
    for (const p of engine.knownFiles().sort()) {
      if (token.isCancellationRequested) return { markdown: 'Cancelled.', json: null };
      if (!engine.languageOf(p)) continue;
      const result = engine.lint(p);
      session.recordFindings(p, result.findings.length);
      results.push(result);
      engineOf.set(result.path, engine);
      if (Date.now() - sliceStart > SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
  }
  const base = engines[0]?.getConfig();
  const config = base ? { ...base } : undefined;
  if (!config) return { markdown: '# LLM token-cost report\n\nNo workspace folder is open.\n', json: null };
  if (typeof params.callsPerDay === 'number' && Number.isFinite(params.callsPerDay) && params.callsPerDay >= 0) config.callsPerDay = params.callsPerDay;
  const files = session.files();
  const scanErrors = engines.flatMap((e) => e.getConfigErrors());
  const views = new Map<Engine, WorkspaceView>();
  const viewOf = (engine: Engine) => {
    let view = views.get(engine);
    if (!view) views.set(engine, (view = engine.workspaceView()));
    return view;
  };
  const root = commonRoot(engines);
  const report = buildReport(results, config, {
    root,
    textOf: (p) => files.textOf(p),
    factsOf: (p) => engineOf.get(p)?.facts(p),
    retryLayersOf: (site) => {
      const engine = engineOf.get(site.path);
      return engine ? retryLayers(site, viewOf(engine)) : codeRetryLayers(site);
    },
    scanErrors,
  });
  // The JSON is what `llm-infra-lint report --format json` prints, amounts tidied the same way.
  return {
    markdown: renderMarkdown(report),
    json: JSON.parse(renderJson(report)) as unknown,
    root,
    ...(params.format === 'html' ? { html: renderHtml(report) } : {}),
  };
}

/** The deepest directory containing every engine's root. */
function commonRoot(engines: Engine[]): string {
  const roots = engines.map((e) => e.root);
  let root = roots[0];
  while (!roots.every((r) => r === root || r.startsWith(root + path.sep))) {
    const parent = path.dirname(root);
    if (parent === root) break;
    root = parent;
  }
  return root;
}
