// Hover: token and cost estimates on LLM calls and prompt strings, the infra path in front of a call, rule summaries on suppression comments.
import * as path from 'node:path';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { Config } from '../../core/config';
import type { Engine } from '../../core/engine';
import { estimateCallSite } from '../../core/estimates';
import { codeRetryLayers, describeLayers, retryLayers, worstCase } from '../../core/retry-chain';
import { callTimeout, hopTitle, isBehindApp, stackingHops } from '../../core/topology';
import { costPerCall, countTokens, formatUsd } from '../../core/tokens';
import { ruleDocsUrl } from '../../core/rule';
import { commentPrefix } from '../../core/suppressions';
import { LineIndex } from '../../core/text';
import type { ArgsFact, Hop, LanguageId, LlmCallSite, PromptPart, PromptSegment, RetryLayer } from '../../core/types';
import type { WorkspaceView } from '../../core/workspace-view';
import { pathToUri, spanToRange, uriToPath } from '../convert';
import { code, formatInt, truncate, valueText } from './format';
import type { Session } from './session';

/** Registers textDocument/hover. */
export function registerHover(session: Session): void {
  session.connection.onHover((params, token) =>
    session.guard<Hover | null>('textDocument/hover', null, () => (token.isCancellationRequested ? null : hover(session, params))),
  );
}

function hover(session: Session, params: HoverParams): Hover | null {
  const doc = session.documents.get(params.textDocument.uri);
  const p = uriToPath(params.textDocument.uri);
  if (!doc || !p) return null;
  const engine = session.engineFor(p);
  const language = engine.languageOf(p);
  if (!language) return null;
  session.syncDocument(doc);
  const text = doc.getText();
  const index = new LineIndex(text);
  const offset = index.offset(params.position);
  const wrap = (value: string, range: Hover['range']): Hover => ({
    contents: { kind: session.support.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range,
  });

  const suppression = suppressionHover(engine, index, params.position.line, params.position.character, language);
  if (suppression) return wrap(suppression.value, suppression.range);

  const facts = engine.facts(p);
  if (!facts || facts.text !== text) return null;
  const config = engine.getConfig();
  const containing = facts.callSites.filter((c) => c.span.start <= offset && offset <= c.span.end);
  containing.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
  for (const call of containing) {
    for (const part of call.prompt) {
      for (const segment of part.segments) {
        if (segment.kind === 'static' && segment.span.start <= offset && offset < segment.span.end) {
          return wrap(segmentMarkdown(call, part, segment, config), spanToRange(index, segment.span));
        }
      }
    }
  }
  const call = containing[0];
  if (call) return wrap(callSiteMarkdown(call, config, engine.workspaceView()), spanToRange(index, call.span));
  // A module-level constant that a call in this file sends as prompt text.
  for (const c of facts.callSites) {
    for (const part of c.prompt) {
      const source = part.source;
      if (source?.kind !== 'constant' || source.path !== p || offset < source.span.start || offset > source.span.end) continue;
      const segment = part.segments.find((s) => s.kind === 'static');
      if (segment?.kind === 'static') return wrap(segmentMarkdown(c, part, segment, config), spanToRange(index, source.span));
    }
  }
  return null;
}

function segmentMarkdown(call: LlmCallSite, part: PromptPart, segment: PromptSegment & { kind: 'static' }, config: Config): string {
  const count = countTokens(segment.text, call.model.value, call.provider);
  const approx = count.exact ? '' : '≈ ';
  const lines = [`**Prompt text** (${part.role}) · ${approx}${formatInt(count.tokens)} tokens · ${count.encoding}${count.exact ? '' : ' (approximate)'}`];
  if (count.reason) lines.push(`_${count.reason}_`);
  const model = call.model.value ? code(call.model.value) : 'the model';
  const cost = costPerCall(count.tokens, 0, call.model.value, config.prices);
  if (cost) {
    lines.push(
      `${formatUsd(cost.input)} per call · ${formatUsd(cost.input * 1000)} per 1,000 calls at ${model}'s input price ` +
        `($${cost.inputPerMillion} / 1M tokens, as of ${cost.priceAsOf})`,
    );
  } else {
    lines.push(`Cost: unknown price for ${model}`);
  }
  return lines.join('\n\n');
}

/** Markdown describing an LLM call: what it calls, its input and output tokens, cost, timeouts and retries, and (with a workspace) the hops it passes. */
export function callSiteMarkdown(call: LlmCallSite, config: Config, ws?: WorkspaceView): string {
  const est = estimateCallSite(call, config);
  const rows: Array<[string, string]> = [];
  rows.push(['Provider', `${call.provider} · SDK ${code(call.sdk)} · ${code(call.method)}`]);
  rows.push(['Model', call.model.value ? `${code(call.model.value)}${call.model.literal ? '' : ' (resolved)'}` : 'unknown (not a literal)']);
  const approx = est.exact ? '' : '≈ ';
  rows.push(['Static input', `${approx}${formatInt(est.staticInputTokens)} tokens · ${est.encoding}${est.exact ? '' : ' (approximate)'}`]);
  const dynamic = call.prompt.flatMap((part) => part.segments.filter((s) => s.kind === 'dynamic').map((s) => ({ part, s })));
  if (dynamic.length) {
    const shown = dynamic.slice(0, 4).map(({ part, s }) => {
      const volatility = s.kind === 'dynamic' && s.volatility !== 'unknown' && s.volatility !== 'per-request' ? ` (${s.volatility})` : '';
      return `${part.role}: ${code(truncate(s.text, 40))}${volatility}`;
    });
    if (dynamic.length > 4) shown.push(`+${dynamic.length - 4} more`);
    rows.push(['Dynamic input', `${shown.join(', ')} — not counted`]);
  } else if (est.hasDynamicInput) {
    rows.push(['Dynamic input', 'input not readable statically — not counted']);
  }
  rows.push(['Max output', est.maxOutputTokens !== null ? `${formatInt(est.maxOutputTokens)} tokens` : 'not set']);
  if (est.inputCostPer1000 !== null) {
    const output = est.outputCostPer1000 !== null ? ` + up to ${formatUsd(est.outputCostPer1000 / 1000)} output` : '';
    const output1000 = est.outputCostPer1000 !== null ? ` + up to ${formatUsd(est.outputCostPer1000)} output` : '';
    rows.push(['Cost per call', `${formatUsd(est.inputCostPer1000 / 1000)} input${output}`]);
    rows.push(['Per 1,000 calls', `${formatUsd(est.inputCostPer1000)} input${output1000}${asOf(est.priceAsOf)}`]);
  } else {
    rows.push(['Cost', `unknown price${call.model.value ? ` for ${code(call.model.value)}` : ''}`]);
  }
  rows.push(['Streaming', call.streaming === null ? 'unknown' : call.streaming ? 'yes' : 'no']);
  rows.push(['Timeout', optionSummary(call, /timeout/i) ?? 'not set (SDK default)']);
  const retries = [optionSummary(call, /retr/i), ...call.retries.map((r) => `${r.label} (${r.attempts ?? 'unbounded'} attempts)`)].filter(Boolean);
  rows.push(['Retries', retries.length ? retries.join(' · ') : 'SDK default']);
  return [
    `**LLM call** ${code(call.method)}`,
    table(['| | |', '|---|---|'], rows),
    ...(ws ? pathMarkdown(call, ws) : []),
  ].join('\n\n');
}

function table(head: string[], rows: string[][]): string {
  return [...head, ...rows.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
}

/**
 * The chain a request takes to reach this call and the model, outermost first (edge → ingress → mesh → app → gateway → provider),
 * each hop with its timeout and attempts, and the worst-case number of attempts across every layer.
 */
export function pathMarkdown(call: LlmCallSite, ws: WorkspaceView): string[] {
  // One row per resource: sibling routes and Kustomize copies of one VirtualService are the one the request takes.
  const chain = stackingHops(call, ws).map((s) => s.hop);
  const layers = retryLayers(call, ws);
  const out: string[] = [];
  if (chain.length > 0) {
    const hopRow = (hop: Hop): string[] => [`${hopTitle(hop)} · ${hopLink(hop, ws)}`, hopTimeout(hop), hopAttempts(hop)];
    const timeout = callTimeout(call, ws);
    const appTimeout = timeout.seconds === null ? (timeout.source === 'unknown' ? `unknown (${timeout.label})` : `none (${timeout.label})`) : `${seconds(timeout.seconds)} (${timeout.source === 'default' ? timeout.label : timeout.label.replace(/^timeout /, '')})`;
    const appLayers = codeRetryLayers(call, ws);
    const rows = [
      ...chain.filter((h) => !isBehindApp(h)).map(hopRow),
      [`**this call** (app, ${path.basename(call.path)})`, appTimeout, appLayers.length ? appLayers.map(layerText).join(' × ') : '1'],
      ...chain.filter(isBehindApp).map(hopRow),
      [`${call.provider} API`, '', ''],
    ];
    out.push(`**Path** (outermost first; _default_ = not set in the config, the product's default applies)`);
    out.push(table(['| hop | timeout | attempts |', '|---|---|---|'], rows));
  }
  const worst = worstCase(layers);
  if (layers.length > 0 && (chain.length > 0 || worst !== 1)) {
    const product = describeLayers(layers);
    out.push(worst === null ? `**Worst case**: unbounded attempts per request — ${product}` : `**Worst case**: up to ${formatInt(worst)} attempt${worst === 1 ? '' : 's'} per request — ${product}`);
  }
  return out;
}

function layerText(l: RetryLayer): string {
  return `${l.label} ${l.attempts ?? '∞'}${l.source === 'default' ? ' (default)' : ''}`;
}

function seconds(s: number): string {
  return `${Number.isInteger(s) ? s : Number(s.toFixed(2))} s`;
}

function hopTimeout(hop: Hop): string {
  const t = hop.timeout;
  const idle = (hop as { idleTimeout?: boolean }).idleTimeout && t.seconds !== null ? ' between reads' : '';
  return `${t.seconds === null ? 'none' : seconds(t.seconds)}${idle}${t.source === 'default' ? ' _default_' : ''}`;
}

export function hopAttempts(hop: Hop): string {
  const n = hop.retry.attempts;
  const mark = hop.retry.source === 'default' ? ' _default_' : '';
  // LLM requests are POSTs: a hop that never re-sends them makes one attempt whatever its retry setting.
  // A mesh or Envoy route retries POSTs too, but only on conditions where the request never reached the app.
  if (n > 1 && !hop.retry.retriesPost && (hop.kind === 'istio' || hop.kind === 'envoy' || hop.kind === 'envoy-gateway' || hop.kind === 'gateway-api')) return `1 (re-sends only requests the app never received)${mark}`;
  if (n > 1 && !hop.retry.retriesPost) return `1 (POSTs not retried; ${n} for other requests)${mark}`;
  return `${n}${hop.retry.retriesPost && n > 1 && hop.retry.retriesTimeouts ? ' incl. timeouts' : ''}${mark}`;
}

/** `[deploy/ingress.yaml:12](file:///…#L12)`: where the hop is configured. */
function hopLink(hop: Hop, ws: WorkspaceView): string {
  const rel = path.relative(ws.root, hop.path).split(path.sep).join('/') || path.basename(hop.path);
  const text = ws.readText(hop.path);
  const line = text === undefined ? null : new LineIndex(text).position(hop.span.start).line + 1;
  return line === null ? code(rel) : `[${rel}:${line}](${pathToUri(hop.path)}#L${line})`;
}

/** Options of the call and its client whose key matches, as `key: value (call)`. */
function optionSummary(call: LlmCallSite, key: RegExp): string | null {
  const found: string[] = [];
  const add = (args: ArgsFact | undefined, where: string) => {
    for (const o of Object.values(args?.options ?? {})) if (key.test(o.key)) found.push(`${code(`${o.key}: ${valueText(o.value)}`)} (${where})`);
  };
  add(call.args, 'call');
  add(call.client?.args, `client ${call.client?.className ?? ''}`.trim());
  return found.length ? found.join(' · ') : null;
}

function asOf(date: string | null): string {
  return date ? ` (prices as of ${date})` : '';
}

const DIRECTIVE = /llm-infra-lint-disable-(?:next-line|file)\b/g;

/** Rule summaries when the cursor is on a suppression comment. */
function suppressionHover(engine: Engine, index: LineIndex, line: number, character: number, language: LanguageId): { value: string; range: Hover['range'] } | null {
  if (line >= index.lineCount) return null;
  const text = index.lineText(line);
  for (const m of text.matchAll(DIRECTIVE)) {
    const at = m.index ?? 0;
    const before = text.slice(0, at);
    const marker = commentPrefix(language);
    const inComment = before.includes(marker) || (marker === '//' && (before.includes('/*') || /^\s*\*/.test(before)));
    if (!inComment) continue;
    const restStart = at + m[0].length;
    const rest = text.slice(restStart).split(/\s--\s|\*\//)[0];
    if (character < at || character > restStart + rest.length) continue;
    const ids: Array<{ id: string; start: number }> = [];
    for (const idMatch of rest.matchAll(/[a-z][a-z0-9-]*/g)) ids.push({ id: idMatch[0], start: restStart + (idMatch.index ?? 0) });
    const hovered = ids.find((x) => character >= x.start && character <= x.start + x.id.length);
    const shown = hovered ? [hovered] : ids;
    const rules = new Map(engine.allRules().map((r) => [r.id, r]));
    const parts = shown.map(({ id }) => {
      const rule = rules.get(id);
      if (!rule) return `**${id}**: unknown rule`;
      return `**${id}** (${rule.family}, ${rule.severity}): ${rule.docs.summary} — [docs](${ruleDocsUrl(id)})`;
    });
    if (!parts.length) parts.push('Disables every llm-infra-lint rule here');
    const start = hovered ? hovered.start : at;
    const end = hovered ? hovered.start + hovered.id.length : restStart + rest.length;
    return { value: parts.join('\n\n'), range: { start: { line, character: start }, end: { line, character: end } } };
  }
  return null;
}
