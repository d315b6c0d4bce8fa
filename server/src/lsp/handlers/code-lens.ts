// Code lens on each LLM call: "≈ N input tokens (+ dynamic) · $X / 1k calls" ("dynamic input not priced" when no part
// of the prompt is known before run time).
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import type { Config } from '../../core/config';
import { estimateCallSite } from '../../core/estimates';
import { LineIndex } from '../../core/text';
import type { LlmCallSite } from '../../core/types';
import { spanToRange, uriToPath } from '../convert';
import { formatUsd } from '../../core/tokens';
import { formatInt } from './format';
import type { Session } from './session';

/** More lenses than this in one file are noise, and each costs a token count. */
const MAX_LENSES = 200;

/** Registers textDocument/codeLens and refreshes lenses when the workspace changes. */
export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens((params, token) =>
    session.guard<CodeLens[]>('textDocument/codeLens', [], () => {
      const doc = session.documents.get(params.textDocument.uri);
      const p = uriToPath(params.textDocument.uri);
      if (!doc || !p || token.isCancellationRequested) return [];
      const engine = session.engineFor(p);
      if (!engine.languageOf(p)) return [];
      session.syncDocument(doc);
      const facts = engine.facts(p);
      if (!facts || facts.text !== doc.getText() || facts.callSites.length === 0) return [];
      const index = new LineIndex(facts.text);
      const config = engine.getConfig();
      return facts.callSites.slice(0, MAX_LENSES).map((call) => ({
        range: spanToRange(index, call.nameSpan),
        // An empty command id makes the lens a label: there is nothing to run.
        command: { title: lensTitle(call, config), command: '' },
      }));
    }),
  );
  const refresh = (): void => void session.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  session.onInvalidate((i) => {
    if (i.kind === 'all' && session.support.codeLensRefresh) refresh();
  });
  // An unsaved edit in one open file (a prompt module) can change the lenses of another (the calls that import it);
  // the client asks again only for the file it edited, so the others are refreshed once typing pauses.
  let timer: ReturnType<typeof setTimeout> | undefined;
  session.documents.onDidChangeContent(() => {
    if (!session.support.codeLensRefresh || session.documents.all().length < 2) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, LENS_REFRESH_MS);
  });
  session.atShutdown(() => clearTimeout(timer));
}

/** How long typing must pause before the lenses of the other open files are refreshed. */
const LENS_REFRESH_MS = 600;

/** The lens text for one call. */
export function lensTitle(call: LlmCallSite, config: Config): string {
  const est = estimateCallSite(call, config);
  const dynamic = est.hasDynamicInput ? ' (+ dynamic)' : '';
  // A prompt built entirely at run time has no known cost: "$0.00 / 1k calls" would read as free.
  const cost =
    est.staticInputTokens === 0 && est.hasDynamicInput
      ? 'dynamic input not priced'
      : est.inputCostPer1000 !== null
        ? `${formatUsd(est.inputCostPer1000)} / 1k calls`
        : 'unknown price';
  return `≈ ${formatInt(est.staticInputTokens)} input tokens${dynamic} · ${cost}`;
}
