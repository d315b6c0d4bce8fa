// The report as one self-contained HTML page: summary first (total, top costs, top savings), inline SVG bar
// charts of cost per model and per file, a sortable call-site table, savings with their arithmetic, totals,
// prices with their dates. No network: no external scripts, styles, fonts or images, and a CSP that forbids them.
//
// The same renderer draws the VS Code webview (`target: 'vscode'`): colours then come from the editor theme's
// CSS variables, scripts carry the webview's nonce, and rows jump to the call site through the webview script.
// Only type imports and pure helpers here: the extension bundles this file.

import type { CostHighlight, GroupTotal, ModelTotal, Report, ReportCallSite, Saving } from './report';
import { escapeHtml as esc, int, percent, plural, rate, retryChainText, serviceLabel, totalCoverage, usd } from './report-format';
import { cacheLabel, DYNAMIC_LABELS, SAVING_LABELS } from './report-labels';

export interface HtmlOptions {
  /** `standalone`: a file for a browser (light/dark from prefers-color-scheme); `vscode`: a webview (editor theme). */
  target?: 'standalone' | 'vscode';
  /** Nonce for inline scripts and styles (required by the webview's CSP). */
  nonce?: string;
  /** The webview's `cspSource`. */
  cspSource?: string;
  /** An extra inline script (the webview's message handling), added after the table script. */
  extraScript?: string;
  /** Controls above the report (webview: refresh, calls per day), as HTML. */
  toolbar?: string;
}

/** The whole page. */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const target = options.target ?? 'standalone';
  const nonceAttr = options.nonce ? ` nonce="${esc(options.nonce)}"` : '';
  const csp =
    target === 'vscode'
      ? `default-src 'none'; style-src ${options.cspSource ?? ''} 'unsafe-inline'; script-src 'nonce-${options.nonce ?? ''}'; img-src ${options.cspSource ?? ''} data:; font-src ${options.cspSource ?? ''};`
      : "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLM token-cost report</title>
<style${nonceAttr}>
${target === 'vscode' ? VSCODE_THEME : STANDALONE_THEME}
${CSS}
</style>
</head>
<body class="target-${target}">
${options.toolbar ?? ''}
<main id="report">
${renderHtmlBody(report, { target })}
</main>
<script${nonceAttr}>
${TABLE_SCRIPT}
</script>
${options.extraScript ? `<script${nonceAttr}>\n${options.extraScript}\n</script>\n` : ''}</body>
</html>
`;
}

/** Everything inside `<main>`: what the webview replaces when the report is refreshed. */
export function renderHtmlBody(report: Report, options: { target?: 'standalone' | 'vscode' } = {}): string {
  const target = options.target ?? 'standalone';
  const files = new Set(report.callSites.map((s) => s.path)).size;
  const dates = [...new Set(report.prices.map((p) => p.asOf).filter((d): d is string => d !== null))].sort();
  const errors = report.callSites.reduce((n, s) => n + s.findingDetails.filter((f) => f.severity === 'error').length, 0);
  const findings = report.totals.perFamily.reduce((n, f) => n + f.findings, 0);
  const out: string[] = [];
  out.push(
    `<header class="title"><h1>LLM token-cost report</h1>`,
    `<p class="sub">${plural(report.totals.callSites, 'call site')} in ${plural(files, 'file')} (${plural(report.filesScanned, 'file')} scanned) · ` +
      `${int(report.callsPerDay)} calls/day per call site · ${percent(report.failureRate)} assumed failure rate · ` +
      `prices as of ${dates.length ? dates.map(esc).join(', ') : 'n/a'}</p></header>`,
  );

  // Key numbers.
  const total = report.totals.dailyCost.total;
  const saved = report.totals.savingsPerDay.total;
  out.push('<section class="kpis" aria-label="Key numbers">');
  const retrySpend = report.totals.retrySpendPerDay;
  const withRetries = (total ?? 0) + (retrySpend ?? 0);
  out.push(
    kpi(
      'Estimated cost',
      total === null ? '—' : `${usd(total)}<small>/day</small>`,
      (total === null ? 'no priced call site' : `≈ ${usd(total * 30)} per 30 days at list prices` + (retrySpend ? `; retries add ≈ ${usd(retrySpend)}/day at ${percent(report.failureRate)} failing calls` : '')) +
        (totalCoverage(report.callSites) ? `; not counted: ${totalCoverage(report.callSites)}` : ''),
    ),
  );
  out.push(
    kpi(
      'Recommended savings',
      saved === null ? '—' : `${usd(saved)}<small>/day</small>`,
      (saved !== null && withRetries > 0 ? `${percent(Math.min(1, saved / withRetries))} of cost${retrySpend ? ' incl. retries' : ''} · ` : '') + plural(report.savings.length, 'saving'),
      'good',
    ),
  );
  const bySeverity = report.totals.perFamily.reduce((a, f) => ({ error: a.error + f.bySeverity.error, warning: a.warning + f.bySeverity.warning }), { error: 0, warning: 0 });
  out.push(kpi('Findings', String(findings), `${plural(bySeverity.error, 'error')}, ${plural(bySeverity.warning, 'warning')}; ${int(errors)} of the errors at call sites`, bySeverity.error ? 'bad' : ''));
  out.push('</section>');

  // What to read first.
  out.push('<section class="cards">');
  out.push(`<div class="card"><h2>Top costs</h2>${topCosts(report.summary.topCosts, target)}</div>`);
  out.push(`<div class="card"><h2>Top savings</h2>${topSavings(report.summary.topSavings, target)}</div>`);
  out.push('</section>');

  if (report.callSites.length > 0) {
    out.push('<section class="cards charts">');
    out.push(`<div class="card"><h2>Cost per model <span class="unit">$/day</span></h2>${barChart('chart-model', 'Cost per model in USD per day', modelRows(report.totals.perModel))}</div>`);
    out.push(`<div class="card"><h2>Cost per file <span class="unit">$/day</span></h2>${barChart('chart-file', 'Cost per file in USD per day', groupRows(report.totals.perFile, true))}</div>`);
    out.push('</section>');

    out.push(`<section><h2>Call sites</h2><p class="hint">${target === 'vscode' ? 'Click a row to open the call site. ' : ''}Click a column header to sort.</p>`);
    out.push(callSiteTable(report.callSites, target));
    out.push('</section>');
  } else {
    out.push('<section><p>No LLM call sites found.</p></section>');
  }

  if (report.savings.length > 0) {
    const s = report.totals.savingsPerDay;
    out.push('<section><h2>Savings, with the arithmetic</h2>');
    out.push(
      `<p>Prompt caching <b>${usd(s.caching ?? 0)}/day</b> · routing to a cheaper model <b>${usd(s.routing ?? 0)}/day</b> · one layer owning retries <b>${usd(s.retry ?? 0)}/day</b> at ${percent(report.failureRate)} failing calls.</p>`,
    );
    out.push(savingsTable(report.savings, target));
    out.push('</section>');
  }

  if (report.callSites.length > 0) {
    out.push('<section><h2>Call site details</h2>');
    for (const s of report.callSites) out.push(siteDetails(s, target, report.failureRate));
    out.push('</section>');

    out.push(`<section><h2>Totals per model</h2><div class="table-wrap">${modelTable(report.totals.perModel)}</div></section>`);
    out.push(`<section><h2>Totals per service</h2><div class="table-wrap">${groupTable(report.totals.perService, 'Service')}</div></section>`);
  }

  out.push(`<section><h2>Findings per family</h2><div class="table-wrap">${familyTable(report)}</div></section>`);
  if (report.otherFindings.length > 0) {
    out.push(`<section><h2>Other findings</h2><p class="hint">Infrastructure, configuration, keys and clients not tied to a call site above.</p><div class="table-wrap">${otherFindingsTable(report, target)}</div></section>`);
  }
  out.push(`<section><h2>Prices</h2>${pricesTable(report)}${semanticsTable(report)}</section>`);
  out.push('<section><details class="notes"><summary>How to read this</summary><ul>');
  for (const n of report.assumptions.notes) out.push(`<li>${inlineCode(n)}</li>`);
  out.push(
    `<li>Assumed: ${int(report.assumptions.callsPerDay)} calls per day per call site, ${percent(report.assumptions.failureRate)} of calls failing, ${int(report.assumptions.cacheWritesPerDay)} cache writes or misses a day, small output ≤ ${int(report.assumptions.smallOutputTokens)} tokens.</li>`,
  );
  out.push('</ul></details></section>');

  if (report.errors.length > 0) {
    out.push('<section><h2>Files not fully analysed</h2><table><thead><tr><th scope="col">File</th><th scope="col">Problem</th></tr></thead><tbody>');
    for (const e of report.errors) out.push(`<tr><td><code>${esc(e.path)}</code></td><td>${esc(e.message)}</td></tr>`);
    out.push('</tbody></table></section>');
  }
  return out.join('\n');
}

function kpi(label: string, value: string, sub: string, tone = ''): string {
  return `<div class="kpi${tone ? ` tone-${tone}` : ''}"><div class="kpi-label">${esc(label)}</div><div class="kpi-value">${value}</div><div class="kpi-sub">${esc(sub)}</div></div>`;
}

/** `data-` attributes that let the webview open the call site; harmless in a browser. */
function siteAttrs(path: string, line: number): string {
  return ` data-path="${esc(path)}" data-line="${line}"`;
}

function siteLink(path: string, line: number, target: string, anchor?: string): string {
  const text = `${esc(shortPath(path))}:${line}`;
  if (target === 'vscode') return `<a class="site" href="#" title="Open ${esc(path)}:${line}"${siteAttrs(path, line)}>${text}</a>`;
  return `<a class="site" href="#${anchor ?? ''}" title="${esc(path)}:${line}">${text}</a>`;
}

function topCosts(items: CostHighlight[], target: string): string {
  if (items.length === 0) return '<p class="empty">No priced call site.</p>';
  const rows = items.map(
    (c, i) =>
      `<li${siteAttrs(c.path, c.line)}><span class="rank">${i + 1}</span><div class="what"><div class="line1"><b class="amount">${usd(c.perDay)}<small>/day</small></b> ` +
      `<span class="share" title="share of the total">${percent(c.share)}</span> ${c.model ? `<code>${esc(c.model)}</code>` : '<i>unknown model</i>'}</div>` +
      `<div class="meter" aria-hidden="true"><span style="width:${Math.max(1, Math.round(c.share * 100))}%"></span></div>` +
      `<div class="line2">${siteLink(c.path, c.line, target, anchorFor(c.path, c.line))} · ${esc(c.driver)}</div></div></li>`,
  );
  return `<ol class="top">${rows.join('')}</ol>`;
}

function topSavings(items: Saving[], target: string): string {
  if (items.length === 0) return '<p class="empty">No saving found.</p>';
  const rows = items.map((s, i) => {
    const amount = s.perDay === null || (s.perDay < 0.01 && s.extraAttemptsPerDay) ? `${int(s.extraAttemptsPerDay ?? 0)}<small> attempts/day</small>` : `${usd(s.perDay)}<small>/day</small>`;
    return (
      `<li${siteAttrs(s.path, s.line)}><span class="rank">${i + 1}</span><div class="what"><div class="line1"><b class="amount good">${amount}</b> <span class="tag kind-${s.kind}">${esc(SAVING_LABELS[s.kind])}</span></div>` +
      `<div class="line2 title">${inlineCode(s.title)}</div><div class="line2">${siteLink(s.path, s.line, target, anchorFor(s.path, s.line))}</div></div></li>`
    );
  });
  return `<ol class="top">${rows.join('')}</ol>`;
}

interface BarRow {
  label: string;
  full: string;
  value: number | null;
  note?: string;
}

function modelRows(models: ModelTotal[]): BarRow[] {
  return models.map((m) => ({ label: m.model ?? 'unknown model', full: `${m.model ?? 'unknown model'} (${plural(m.callSites, 'call site')})`, value: m.dailyCost.total, note: m.unpriced ? 'no price' : undefined }));
}

function groupRows(groups: GroupTotal[], isFile: boolean): BarRow[] {
  return groups.map((g) => ({ label: isFile ? shortPath(g.name) : g.name, full: g.name, value: g.dailyCost.total, note: g.dailyCost.total === null ? 'no price' : undefined }));
}

const CHART = { width: 640, labelWidth: 210, valueWidth: 96, row: 28, bar: 16, maxRows: 10 } as const;

/** A horizontal bar chart as inline SVG; the largest value spans the bar area. Rows past `maxRows` are summed as "others". */
export function barChart(id: string, title: string, input: BarRow[]): string {
  let rows = input;
  if (rows.length > CHART.maxRows) {
    const rest = rows.slice(CHART.maxRows - 1);
    const sum = rest.reduce((a, r) => a + (r.value ?? 0), 0);
    rows = [...rows.slice(0, CHART.maxRows - 1), { label: `${rest.length} others`, full: rest.map((r) => r.full).join(', '), value: sum }];
  }
  const max = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const barArea = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const height = rows.length * CHART.row + 4;
  const parts: string[] = [
    `<svg id="${id}" class="chart" viewBox="0 0 ${CHART.width} ${height}" width="100%" role="img" aria-labelledby="${id}-title" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${id}-title">${esc(title)}</title>`,
  ];
  rows.forEach((r, i) => {
    const y = i * CHART.row + 2;
    const w = r.value && max > 0 ? Math.max(2, (r.value / max) * barArea) : 0;
    const label = r.label.length > 30 ? `…${r.label.slice(-29)}` : r.label;
    parts.push(
      `<g class="bar-row"><title>${esc(r.full)}: ${r.value === null ? 'no price' : `${usd(r.value)}/day`}</title>` +
        `<text class="bar-label" x="${CHART.labelWidth - 8}" y="${y + CHART.row / 2}" text-anchor="end" dominant-baseline="central">${esc(label)}</text>` +
        `<rect class="bar-track" x="${CHART.labelWidth}" y="${y + (CHART.row - CHART.bar) / 2}" width="${barArea}" height="${CHART.bar}" rx="3"></rect>` +
        `<rect class="bar bar-${i % 2}" x="${CHART.labelWidth}" y="${y + (CHART.row - CHART.bar) / 2}" width="${w.toFixed(1)}" height="${CHART.bar}" rx="3"></rect>` +
        `<text class="bar-value" x="${CHART.labelWidth + barArea + 8}" y="${y + CHART.row / 2}" dominant-baseline="central">${r.value === null ? (r.note ?? '—') : esc(usd(r.value))}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

const SEVERITY_WEIGHT = { error: 100, warning: 10, info: 1 } as const;

function callSiteTable(sites: ReportCallSite[], target: string): string {
  const head = [
    ['Call site', 'text'],
    ['Model', 'text'],
    ['Input tokens', 'num'],
    ['Max output', 'num'],
    ['$ / 1k calls', 'num'],
    ['Calls/day', 'num'],
    ['$ / day', 'num'],
    ['Prompt cache', 'text'],
    ['Retries', 'num'],
    ['Findings', 'num'],
  ];
  const out: string[] = [
    `<div class="table-wrap"><table id="call-sites" class="sortable sites"><thead><tr>`,
    ...head.map(([h, type]) => `<th scope="col" data-type="${type}"${type === 'num' ? ' class="num"' : ''} aria-sort="none"><button type="button">${esc(h)}</button></th>`),
    '</tr></thead><tbody>',
  ];
  sites.forEach((s) => {
    const sev = s.findingDetails.reduce((a, f) => a + SEVERITY_WEIGHT[f.severity], 0);
    const worstSeverity = s.findingDetails.some((f) => f.severity === 'error') ? 'error' : s.findingDetails.some((f) => f.severity === 'warning') ? 'warning' : s.findingDetails.length ? 'info' : 'none';
    const dyn = [...new Set(s.dynamicParts.map((d) => DYNAMIC_LABELS[d.kind].toLowerCase()))];
    const unbounded = s.dynamicParts.filter((d) => d.bound.bounded === false && (d.kind === 'history' || d.kind === 'retrieval'));
    const dynText = dyn.length ? `+ ${esc(dyn.join(', '))}` : '';
    out.push(
      `<tr class="site-row"${siteAttrs(s.path, s.line)} tabindex="0">` +
        `<td data-v="${esc(s.path)}:${String(s.line).padStart(6, '0')}">${siteLink(s.path, s.line, target, anchorFor(s.path, s.line))}<div class="muted small">${esc(s.provider)} / ${esc(s.sdk)}${s.function ? ` · ${esc(s.function)}` : ''}</div></td>` +
        `<td data-v="${esc(s.model ?? '~')}">${s.model ? `<code class="nowrap">${esc(s.model)}</code>` : '<i>unknown</i>'}</td>` +
        `<td class="num" data-v="${s.staticInputTokens}"><span class="strong">${s.tokensExact || s.staticInputTokens === 0 ? '' : '≈'}${int(s.staticInputTokens)}</span>` +
        `${dynText ? `<div class="muted small dyn" title="${esc(s.dynamicParts.map((d) => `${DYNAMIC_LABELS[d.kind]}: ${d.expression} (${d.bound.description})`).join('\n'))}">${dynText}</div>` : ''}` +
        `${unbounded.length ? `<div><span class="tag bad" title="${esc(unbounded.map((d) => d.bound.description).join('; '))}">unbounded ${esc(DYNAMIC_LABELS[unbounded[0].kind].toLowerCase())}</span></div>` : ''}</td>` +
        `<td class="num" data-v="${s.maxOutputTokens ?? -1}">${s.maxOutputTokens === null ? '<span class="muted">not set</span>' : int(s.maxOutputTokens)}</td>` +
        `<td class="num" data-v="${s.costPer1000.total ?? -1}">${usd(s.costPer1000.total)}</td>` +
        `<td class="num" data-v="${s.callsPerDay}">${int(s.callsPerDay)}</td>` +
        `<td class="num strong" data-v="${s.dailyCost.total ?? -1}">${usd(s.dailyCost.total)}</td>` +
        `<td data-v="${esc(s.cache.status)}"><span class="tag cache-${esc(s.cache.status)}" title="${esc(s.cache.note)}">${esc(cacheLabel(s.cache.status))}</span></td>` +
        `<td class="num" data-v="${s.retry.worstCase ?? 1e9}" title="${esc(s.retry.chain)}">${s.retry.amplified ? '<span class="tag bad">' : ''}${s.retry.worstCase === null ? '∞' : `${int(s.retry.worstCase)}×`}${s.retry.amplified ? '</span>' : ''}</td>` +
        `<td class="num" data-v="${sev}"><span class="sev sev-${worstSeverity}" title="${esc(s.findings.join(', '))}">${s.findingDetails.length}</span></td>` +
        '</tr>',
    );
  });
  out.push('</tbody></table></div>');
  return out.join('');
}

function savingsTable(savings: Saving[], target: string): string {
  const out = [
    '<div class="table-wrap"><table id="savings" class="sortable savings"><thead><tr>',
    '<th scope="col" data-type="text" aria-sort="none"><button type="button">Saving</button></th>',
    '<th scope="col" data-type="text" aria-sort="none"><button type="button">Call site</button></th>',
    '<th scope="col" data-type="num" class="num" aria-sort="none"><button type="button">$ / day</button></th>',
    '<th scope="col" data-type="text" aria-sort="none"><button type="button">Arithmetic</button></th>',
    '</tr></thead><tbody>',
  ];
  for (const v of savings) {
    const usage = v.usage
      ? `<div class="muted small">cached call reports ${Object.entries(v.usage.fields).map(([k, n]) => `<code>${esc(k)}</code> ${int(n)}`).join(', ')} (${esc(v.usage.semantics)})</div>`
      : '';
    out.push(
      `<tr${siteAttrs(v.path, v.line)}><td data-v="${esc(v.kind)}"><span class="tag kind-${v.kind}">${esc(SAVING_LABELS[v.kind])}</span> ${inlineCode(v.title)}</td>` +
        `<td data-v="${esc(v.path)}:${String(v.line).padStart(6, '0')}">${siteLink(v.path, v.line, target, anchorFor(v.path, v.line))}</td>` +
        `<td class="num strong" data-v="${v.perDay ?? -1}">${v.perDay === null ? (v.extraAttemptsPerDay ? `${int(v.extraAttemptsPerDay)} attempts` : 'not priced') : usd(v.perDay)}</td>` +
        `<td class="arith">${esc(v.arithmetic)}${usage}</td></tr>`,
    );
  }
  out.push('</tbody></table></div>');
  return out.join('');
}

function siteDetails(s: ReportCallSite, target: string, failureRate: number): string {
  const out: string[] = [];
  out.push(`<details class="site-detail" id="${anchorFor(s.path, s.line)}">`);
  out.push(
    `<summary><span class="strong">${esc(s.path)}:${s.line}</span> <span class="muted">${esc(s.provider)} / ${esc(s.sdk)} ${s.model ? `<code>${esc(s.model)}</code>` : 'unknown model'}</span> <span class="amount">${usd(s.dailyCost.total)}/day</span></summary>`,
  );
  out.push('<dl>');
  if (target === 'vscode') out.push(`<dt>Open</dt><dd>${siteLink(s.path, s.line, target)}</dd>`);
  if (s.function) out.push(`<dt>Function</dt><dd><code>${esc(s.function)}</code>${s.requestPath ? ` <span class="muted">(${esc(s.requestPath)})</span>` : ''}</dd>`);
  out.push(
    `<dt>Input</dt><dd>${s.tokensExact || s.staticInputTokens === 0 ? '' : '≈'}${int(s.staticInputTokens)} static tokens (${s.tokensExact ? 'exact' : 'approximate'}, ${esc(s.encoding)}), max output ${s.maxOutputTokens === null ? 'not set' : int(s.maxOutputTokens)}; ` +
      (s.costPer1000.total === null
        ? 'no price for this model'
        : `${usd(s.costPer1000.input)} input${s.costPer1000.output === null ? ' (no max output set)' : ` + ${usd(s.costPer1000.output)} output`} per 1,000 calls`) +
      `; ${int(s.callsPerDay)} calls/day${s.priceAsOf ? `, price as of ${esc(s.priceAsOf)}` : ''}</dd>`,
  );
  if (s.dynamicParts.length) {
    out.push('<dt>Dynamic parts</dt><dd><ul class="plain">');
    for (const d of s.dynamicParts) {
      const cls = d.bound.bounded === false ? 'bad' : d.bound.bounded === true ? 'good' : 'muted';
      out.push(`<li><span class="tag kind-dyn">${esc(DYNAMIC_LABELS[d.kind])}</span> <code>${esc(d.expression)}</code> <span class="muted">line ${d.line}, ${esc(d.role)}</span> — <span class="${cls}">${inlineCode(d.bound.description)}</span></li>`);
    }
    out.push('</ul></dd>');
  }
  out.push(`<dt>Prompt cache</dt><dd><span class="tag cache-${esc(s.cache.status)}">${esc(cacheLabel(s.cache.status))}</span> ${inlineCode(s.cache.note)}${s.cache.alreadySavedPerDay ? ` Already takes about ${usd(s.cache.alreadySavedPerDay)}/day off the list price.` : ''}</dd>`);
  const r = s.retry;
  const retry =
    r.chain === 'no retries'
      ? 'no retrying layer found'
      : `${esc(retryChainText(r))}${r.amplified ? ` (one layer owning retries: ${r.ownerAttempts === null ? 'unbounded' : int(r.ownerAttempts)})` : ''}` +
        (s.savings.extraAttemptsPerDay ? `; about ${int(s.savings.extraAttemptsPerDay)} extra attempts/day when ${percent(failureRate)} of calls fail` : '');
  out.push(`<dt>Retries</dt><dd>${retry}</dd>`);
  if (s.savings.cheaperModel) {
    out.push(
      `<dt>Cheaper model</dt><dd><code>${esc(s.savings.cheaperModel)}</code> would save ${usd(s.savings.routingPerDay)}/day${s.savings.routingSuggested ? ` — suggested: ${esc(s.savings.routingReason ?? '')}` : ' <span class="muted">(not suggested: output is not small and the prompt does not look like classification)</span>'}</dd>`,
    );
  }
  if (s.findingDetails.length) {
    out.push('<dt>Findings</dt><dd><ul class="plain">');
    for (const f of s.findingDetails) {
      out.push(`<li><span class="sev sev-${f.severity}">${esc(f.severity)}</span> <code>${esc(f.ruleId)}</code> <span class="muted">${f.path ? `${esc(f.path)} ` : ''}line ${f.line}</span> — ${inlineCode(f.message)}</li>`);
    }
    out.push('</ul></dd>');
  }
  out.push('</dl></details>');
  return out.join('');
}

function otherFindingsTable(report: Report, target: string): string {
  const rows = report.otherFindings.map(
    (f) => `<tr><td>${siteLink(f.path, f.line, target)}</td><td><span class="sev sev-${f.severity}">${esc(f.severity)}</span></td><td><code>${esc(f.ruleId)}</code></td><td>${inlineCode(f.message)}</td></tr>`,
  );
  return `<table><thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function modelTable(models: ModelTotal[]): string {
  const rows = models.map(
    (m) =>
      `<tr><td>${m.model ? `<code class="nowrap">${esc(m.model)}</code>` : '<i>unknown</i>'}${m.unpriced ? ' <span class="muted">(no price)</span>' : ''}</td><td class="num">${int(m.callSites)}</td><td class="num">${int(m.callsPerDay)}</td>` +
      `<td class="num">${usd(m.dailyCost.input)}</td><td class="num">${usd(m.dailyCost.output)}</td><td class="num strong">${usd(m.dailyCost.total)}</td><td>${esc(m.priceAsOf ?? '—')}</td></tr>`,
  );
  return `<table><thead><tr><th scope="col">Model</th><th scope="col" class="num">Sites</th><th scope="col" class="num">Calls/day</th><th scope="col" class="num">Input $/day</th><th scope="col" class="num">Output $/day</th><th scope="col" class="num">Total $/day</th><th scope="col">Price as of</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function groupTable(groups: GroupTotal[], label: string): string {
  const rows = groups.map(
    (g) => `<tr><td>${g.name !== '.' ? `<code>${esc(g.name)}</code>` : esc(serviceLabel(g.name))}</td><td class="num">${int(g.files ?? 0)}</td><td class="num">${int(g.callSites)}</td><td class="num">${int(g.callsPerDay)}</td><td class="num strong">${usd(g.dailyCost.total)}${g.unpriced ? ' <span class="muted">(partly unpriced)</span>' : ''}</td></tr>`,
  );
  return `<table><thead><tr><th scope="col">${esc(label)}</th><th scope="col" class="num">Files</th><th scope="col" class="num">Sites</th><th scope="col" class="num">Calls/day</th><th scope="col" class="num">Total $/day</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function familyTable(report: Report): string {
  const rows = report.totals.perFamily.map(
    (f) =>
      `<tr><td>${esc(f.family)}</td><td class="num">${int(f.findings)}</td><td class="num">${f.bySeverity.error ? `<span class="sev sev-error">${f.bySeverity.error}</span>` : '0'}</td><td class="num">${int(f.bySeverity.warning)}</td><td class="num">${int(f.bySeverity.info)}</td><td class="num">${int(f.callSites)}</td><td class="num">${usd(f.dailyCostOfCallSites)}</td></tr>`,
  );
  return `<table><thead><tr><th scope="col">Family</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Call sites</th><th scope="col" class="num">$/day there</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function pricesTable(report: Report): string {
  if (report.prices.length === 0) return '<p>No call site uses a model with a known price. Add prices under <code>prices</code> in <code>.llm-infra-lint.json</code>.</p>';
  const rows = report.prices.map(
    (p) =>
      `<tr><td><code>${esc(p.model)}</code></td><td class="num">${rate(p.inputPerMillion)}</td><td class="num">${rate(p.cachedInputPerMillion)}</td><td class="num">${p.cacheWritePerMillion === null ? '<span class="muted">not billed</span>' : rate(p.cacheWritePerMillion)}</td><td class="num">${rate(p.outputPerMillion)}</td><td class="strong">${esc(p.asOf ?? 'unknown')}</td><td class="muted small">${esc(p.source)}</td></tr>`,
  );
  return `<div class="table-wrap"><table><thead><tr><th scope="col">Model</th><th scope="col" class="num">Input $/1M</th><th scope="col" class="num">Cached read $/1M</th><th scope="col" class="num">Cache write $/1M</th><th scope="col" class="num">Output $/1M</th><th scope="col">As of</th><th scope="col">Source</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function semanticsTable(report: Report): string {
  if (report.usageSemantics.length === 0) return '';
  const rows = report.usageSemantics.map(
    (u) =>
      `<tr><td>${esc(u.provider)}</td><td><code>${esc(u.inputField)}</code> <b>${u.inputIncludesCached ? 'includes' : 'excludes'}</b> cached tokens</td><td>${u.cachedFields.map((f) => `<code>${esc(f)}</code>`).join(', ')}</td><td>${u.cacheWriteField ? `<code>${esc(u.cacheWriteField)}</code>` : '—'}</td><td class="muted small">${esc(u.source)} (${esc(u.asOf)})</td></tr>`,
  );
  return `<h3>Usage semantics</h3><div class="table-wrap"><table><thead><tr><th scope="col">Provider</th><th scope="col">Input count</th><th scope="col">Cached tokens</th><th scope="col">Cache writes</th><th scope="col">Source</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** `a/b/c/d/route.ts` → `c/d/route.ts`: the part of a path that tells files apart. */
export function shortPath(p: string): string {
  const parts = p.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : p;
}

function anchorFor(path: string, line: number): string {
  return `site-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}-${line}`;
}

/** Escapes text and turns `code` spans into <code>. */
function inlineCode(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

// ---------------------------------------------------------------------------
// Styles and the table script

const STANDALONE_THEME = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa; --panel-2: #eef1f4;
  --accent: #0969da; --bar-0: #0969da; --bar-1: #5a7bd6; --track: #eaeef2;
  --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; --hover: #eef4ff;
  --font: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --font-size: 14px;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --panel-2: #212830;
    --accent: #4493f8; --bar-0: #4493f8; --bar-1: #7a9ff0; --track: #212830;
    --good: #3fb950; --warn: #d29922; --bad: #f85149; --hover: #1c2633;
  }
}`;

const VSCODE_THEME = `:root {
  --bg: var(--vscode-editor-background); --fg: var(--vscode-editor-foreground, var(--vscode-foreground));
  --muted: var(--vscode-descriptionForeground); --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.35)));
  --panel: var(--vscode-editorWidget-background, var(--vscode-sideBar-background)); --panel-2: var(--vscode-editor-inactiveSelectionBackground, rgba(128,128,128,.15));
  --accent: var(--vscode-textLink-foreground); --bar-0: var(--vscode-charts-blue, #3794ff); --bar-1: var(--vscode-charts-purple, #b180d7);
  --track: var(--vscode-editor-inactiveSelectionBackground, rgba(128,128,128,.15));
  --good: var(--vscode-charts-green, #89d185); --warn: var(--vscode-editorWarning-foreground, #cca700); --bad: var(--vscode-errorForeground, #f14c4c);
  --hover: var(--vscode-list-hoverBackground);
  --font: var(--vscode-font-family); --mono: var(--vscode-editor-font-family); --font-size: var(--vscode-font-size, 13px);
}`;

const CSS = `* { box-sizing: border-box; }
body { margin: 0; padding: 20px 28px 40px; background: var(--bg); color: var(--fg); font: var(--font-size)/1.5 var(--font); }
main { max-width: 1280px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 2px; font-weight: 600; }
h2 { font-size: 1.15em; margin: 0 0 10px; font-weight: 600; }
h3 { font-size: 1em; margin: 18px 0 8px; }
section { margin: 22px 0; }
.sub, .hint, .muted { color: var(--muted); }
.sub { margin: 0; }
.hint { margin: -4px 0 8px; font-size: .92em; }
.small { font-size: .88em; }
.strong { font-weight: 600; }
.good { color: var(--good); } .bad { color: var(--bad); } .warn { color: var(--warn); }
code { font-family: var(--mono); font-size: .92em; background: var(--panel-2); padding: 0 4px; border-radius: 4px; }
dd code, td.arith code, .line2 code { overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-top: 16px; }
.kpi { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 12px 16px; }
.kpi-label { color: var(--muted); font-size: .85em; text-transform: uppercase; letter-spacing: .04em; }
.kpi-value { font-size: 1.9em; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
.kpi-value small, .amount small { font-size: .55em; font-weight: 500; color: var(--muted); margin-left: 2px; }
.kpi.tone-good .kpi-value { color: var(--good); } .kpi.tone-bad .kpi-value { color: var(--bad); }
.kpi-sub { color: var(--muted); font-size: .88em; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 14px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.card h2 .unit { color: var(--muted); font-weight: 400; font-size: .85em; }
ol.top { list-style: none; margin: 0; padding: 0; }
ol.top li { display: flex; gap: 10px; padding: 8px 0; border-top: 1px solid var(--border); }
ol.top li:first-child { border-top: 0; padding-top: 0; }
.rank { flex: none; width: 22px; height: 22px; border-radius: 50%; background: var(--panel-2); color: var(--muted); font-size: .85em; display: flex; align-items: center; justify-content: center; font-weight: 600; margin-top: 2px; }
.what { min-width: 0; flex: 1; }
.line1 { display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: baseline; }
.line2 { color: var(--muted); font-size: .92em; overflow-wrap: anywhere; }
.line2.title { color: var(--fg); }
.amount { font-size: 1.15em; font-variant-numeric: tabular-nums; }
.amount.good { color: var(--good); }
.share { color: var(--muted); font-size: .9em; }
.meter { height: 5px; background: var(--track); border-radius: 3px; margin: 4px 0 3px; overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--bar-0); border-radius: 3px; }
.chart { display: block; max-width: 100%; height: auto; }
.chart .bar-label { fill: var(--fg); font: 12.5px var(--font); }
.chart .bar-value { fill: var(--muted); font: 600 12.5px var(--font); }
.chart .bar-track { fill: var(--track); }
.chart .bar-0 { fill: var(--bar-0); } .chart .bar-1 { fill: var(--bar-1); }
.chart .bar-row:hover .bar { opacity: .8; }
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; }
.card table, .table-wrap table { border: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 9px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); }
tbody tr:last-child td { border-bottom: 0; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; font-size: .92em; }
th.num, td.num { text-align: right; }
th button { all: unset; cursor: pointer; }
th button:focus-visible { outline: 1px solid var(--accent); outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " ▲"; font-size: .75em; }
th[aria-sort="descending"] button::after { content: " ▼"; font-size: .75em; }
th[aria-sort="none"] button::after { content: " ↕"; font-size: .75em; color: var(--muted); }
table.sites tbody tr:hover, table.savings tbody tr:hover { background: var(--hover); }
.target-vscode table.sites tbody tr, .target-vscode ol.top li { cursor: pointer; }
tr:focus-visible { outline: 1px solid var(--accent); outline-offset: -1px; }
td.arith { font-family: var(--mono); font-size: .86em; min-width: 320px; }
.tag { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: .82em; line-height: 1.6; border: 1px solid var(--border); background: var(--panel-2); white-space: nowrap; }
.tag.bad, .cache-volatile-prefix { color: var(--bad); border-color: currentColor; background: transparent; }
.cache-needs-marker { color: var(--warn); border-color: currentColor; background: transparent; }
.cache-cached-automatically, .cache-cached-marked { color: var(--good); border-color: currentColor; background: transparent; }
.cache-below-minimum, .cache-unknown { color: var(--muted); }
.kind-caching { color: var(--accent); border-color: currentColor; background: transparent; }
.kind-routing { color: var(--bar-1); border-color: currentColor; background: transparent; }
.kind-retry { color: var(--warn); border-color: currentColor; background: transparent; }
.sev { display: inline-block; min-width: 1.6em; text-align: center; padding: 0 6px; border-radius: 10px; font-size: .85em; font-weight: 600; background: var(--panel-2); }
.sev-error { background: var(--bad); color: #fff; } .sev-warning { color: var(--warn); border: 1px solid currentColor; background: transparent; } .sev-info { color: var(--muted); }
details.site-detail { border: 1px solid var(--border); border-radius: 8px; margin: 8px 0; background: var(--panel); }
details.site-detail > summary { cursor: pointer; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
details.site-detail > summary .amount { margin-left: auto; font-size: 1em; font-weight: 600; }
details.site-detail[open] > summary { border-bottom: 1px solid var(--border); }
details.site-detail:target { outline: 2px solid var(--accent); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; padding: 10px 14px; }
dt { color: var(--muted); } dd { margin: 0; min-width: 0; }
ul.plain { list-style: none; padding: 0; margin: 0; } ul.plain li { margin: 2px 0; }
details.notes summary { cursor: pointer; font-weight: 600; }
details.notes ul { color: var(--muted); }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 8px 0; margin: -8px 0 4px; background: var(--bg); border-bottom: 1px solid var(--border); }
.toolbar .spacer { flex: 1; }
.toolbar label { color: var(--muted); }
.toolbar input { width: 90px; background: var(--vscode-input-background, var(--panel)); color: var(--vscode-input-foreground, var(--fg)); border: 1px solid var(--vscode-input-border, var(--border)); padding: 2px 6px; border-radius: 2px; font: inherit; }
.toolbar button { background: var(--vscode-button-background, var(--accent)); color: var(--vscode-button-foreground, #fff); border: 0; padding: 4px 12px; border-radius: 2px; cursor: pointer; font: inherit; }
.toolbar button:hover { background: var(--vscode-button-hoverBackground, var(--accent)); }
.toolbar .status { color: var(--muted); font-size: .9em; }
body.busy main { opacity: .6; transition: opacity .2s; }
@media (max-width: 720px) { body { padding: 12px; } .cards { grid-template-columns: 1fr; } }
@media print { .toolbar { display: none; } details.site-detail { break-inside: avoid; } }`;

/**
 * Sortable tables: a click on a header button sorts the rows by that column's `data-v` values (numbers when
 * the column is numeric); a second click reverses. `window.llmReportTables.reapply()` restores the last sort
 * after the report body is replaced (the webview does this when it refreshes).
 */
export const TABLE_SCRIPT = `(function () {
  'use strict';
  var state = {};
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute('data-v') !== null ? cell.getAttribute('data-v') : cell.textContent) : '';
    if (!numeric) return String(raw).toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sortTable(table, index, dir) {
    var th = table.tHead && table.tHead.rows[0] && table.tHead.rows[0].cells[index];
    if (!th) return;
    var numeric = th.getAttribute('data-type') === 'num';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return dir === 'ascending' ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir);
    if (table.id) state[table.id] = { index: index, dir: dir };
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('table.sortable th button') : null;
    if (!button) return;
    var th = button.parentElement;
    var table = th.closest('table');
    var current = th.getAttribute('aria-sort');
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = current === 'none' || !current ? (numeric ? 'descending' : 'ascending') : current === 'ascending' ? 'descending' : 'ascending';
    sortTable(table, th.cellIndex, dir);
  });
  // Links to a call site's details open them (a closed <details> would hide its target).
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  window.llmReportTables = {
    sort: function (id, index, dir) { var t = document.getElementById(id); if (t) sortTable(t, index, dir); },
    state: function () { return JSON.parse(JSON.stringify(state)); },
    reapply: function (saved) {
      var s = saved || state;
      Object.keys(s).forEach(function (id) { var t = document.getElementById(id); if (t) sortTable(t, s[id].index, s[id].dir); });
    }
  };
})();`;
