// The report as markdown: what to read first (top costs, top savings), then the call sites, the savings with
// their arithmetic, totals per model, file, service and family, prices with their dates, and the assumptions.

import type { Report, ReportCallSite, Saving } from './report';
import { int, percent, plural, rate, retryChainText, serviceLabel, totalCoverage, usd } from './report-format';
import { DYNAMIC_LABELS, SAVING_LABELS, cacheLabel } from './report-labels';

export function renderMarkdown(report: Report): string {
  const out: string[] = ['# LLM token-cost report', ''];
  const files = new Set(report.callSites.map((s) => s.path)).size;
  const coverage = totalCoverage(report.callSites);
  out.push(
    `${plural(report.totals.callSites, 'LLM call site')} in ${plural(files, 'file')} (${plural(report.filesScanned, 'file')} scanned). ` +
      `Estimated cost: **${usd(report.totals.dailyCost.total)} per day** at ${int(report.callsPerDay)} calls per day per call site ` +
      '(static input plus maximum output at list prices; set `callsPerDay`, or per site `callSites["path:line"].callsPerDay`, in `.llm-infra-lint.json`)' +
      (coverage ? `. Not in that total: ${coverage}.` : '.'),
    '',
  );

  if (report.summary.topCosts.length > 0) {
    out.push('## Top costs', '');
    report.summary.topCosts.forEach((c, i) => {
      out.push(`${i + 1}. **${usd(c.perDay)}/day** (${percent(c.share)}) \`${c.path}:${c.line}\` ${c.model ? `\`${c.model}\`` : 'unknown model'}: ${c.driver}`);
    });
    out.push('');
  }
  if (report.summary.topSavings.length > 0) {
    out.push('## Top savings', '');
    report.summary.topSavings.forEach((s, i) => out.push(`${i + 1}. ${savingHeadline(s)}: ${s.title} at \`${s.path}:${s.line}\``));
    const t = report.totals.savingsPerDay.total;
    if (t !== null) out.push('', `All recommended savings together: **${usd(t)} per day** (caching and routing for the same call count once, the larger; details under “Potential savings”).`);
    out.push('');
  }

  if (report.callSites.length > 0) {
    out.push(
      '## Call sites',
      '',
      '| Call site | Provider / SDK | Model | Static input tokens | Max output tokens | Input $/1k calls | Output $/1k calls | Calls/day | $/day | Prompt cache | Findings |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    );
    for (const s of report.callSites) {
      out.push(
        row([
          `\`${s.path}:${s.line}\``,
          `${s.provider} / ${s.sdk}`,
          s.model ? `\`${s.model}\`` : 'unknown',
          tokens(s),
          s.maxOutputTokens === null ? 'not set' : int(s.maxOutputTokens),
          usd(s.costPer1000.input),
          usd(s.costPer1000.output),
          int(s.callsPerDay),
          usd(s.dailyCost.total),
          cacheCell(s),
          s.findings.length ? s.findings.map((id) => `\`${id}\``).join(', ') : '—',
        ]),
      );
    }
    out.push('');

    out.push('## Call site details', '');
    for (const s of report.callSites) {
      out.push(`### \`${s.path}:${s.line}\` — ${s.provider} / ${s.sdk} ${s.model ? `\`${s.model}\`` : '(model unknown)'}`, '');
      if (s.function) out.push(`- **Function:** \`${s.function}\`${s.requestPath ? ` (${s.requestPath})` : ''}`);
      out.push(
        `- **Input:** ${s.tokensExact || s.staticInputTokens === 0 ? '' : '≈'}${int(s.staticInputTokens)} static tokens (${s.tokensExact ? `exact, ${s.encoding}` : `approximate, ${s.encoding}`})${s.hasDynamicInput ? ' + dynamic parts' : ''}, max output ${s.maxOutputTokens === null ? 'not set' : int(s.maxOutputTokens)}; ${usd(s.costPer1000.total)} per 1,000 calls, ${usd(s.dailyCost.total)}/day at ${int(s.callsPerDay)} calls`,
      );
      if (s.dynamicParts.length > 0) {
        out.push('- **Dynamic parts:**');
        for (const d of s.dynamicParts) out.push(`  - ${DYNAMIC_LABELS[d.kind]} \`${d.expression}\` (line ${d.line}, ${d.role}): ${d.bound.description}`);
      }
      out.push(`- **Prompt cache:** ${cacheLabel(s.cache.status)}. ${s.cache.note}${s.cache.alreadySavedPerDay ? ` Already saves about ${usd(s.cache.alreadySavedPerDay)}/day off the list price.` : ''}`);
      out.push(`- **Retries:** ${retryText(s, report.failureRate)}`);
      if (s.findingDetails.length > 0) {
        out.push('- **Findings:**');
        for (const f of s.findingDetails) out.push(`  - \`${f.ruleId}\` (${f.severity}, ${f.path ? `\`${f.path}\` ` : ''}line ${f.line}): ${f.message.replace(/\r?\n/g, ' ')}`);
      }
      out.push('');
    }
  }

  if (report.totals.perModel.length > 0) {
    out.push(
      '## Totals per model',
      '',
      '| Model | Call sites | Calls/day | Static input tokens | Input $/day | Output $/day | Total $/day | Price as of |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const m of report.totals.perModel) {
      out.push(
        row([
          (m.model ? `\`${m.model}\`` : 'unknown') + (m.unpriced ? ' (no price)' : ''),
          int(m.callSites),
          int(m.callsPerDay),
          int(m.staticInputTokens),
          usd(m.dailyCost.input),
          usd(m.dailyCost.output),
          usd(m.dailyCost.total),
          m.priceAsOf ?? '—',
        ]),
      );
    }
    out.push('');
  }

  if (report.totals.perFile.length > 0) {
    out.push('## Totals per file', '', '| File | Service | Call sites | Calls/day | Input $/day | Output $/day | Total $/day |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const f of report.totals.perFile) {
      out.push(row([`\`${f.name}\``, f.service && f.service !== '.' ? `\`${f.service}\`` : serviceLabel(f.service), int(f.callSites), int(f.callsPerDay), usd(f.dailyCost.input), usd(f.dailyCost.output), usd(f.dailyCost.total) + (f.unpriced ? ' (partly unpriced)' : '')]));
    }
    out.push('');
    out.push('## Totals per service', '', '| Service | Files | Call sites | Calls/day | Total $/day |', '| --- | ---: | ---: | ---: | ---: |');
    for (const g of report.totals.perService) {
      out.push(row([g.name !== '.' ? `\`${g.name}\`` : serviceLabel(g.name), int(g.files ?? 0), int(g.callSites), int(g.callsPerDay), usd(g.dailyCost.total) + (g.unpriced ? ' (partly unpriced)' : '')]));
    }
    out.push('');
  }

  out.push('## Potential savings', '');
  if (report.savings.length === 0) {
    out.push('None found: no eligible prefix without caching, no small or classification-like call on an expensive model, no stacked retries.', '');
  } else {
    const s = report.totals.savingsPerDay;
    out.push(
      `Prompt caching: **${usd(s.caching ?? 0)} per day**; routing small or classification-like calls to a cheaper model of the same family: **${usd(s.routing ?? 0)} per day**; ` +
        `letting one layer own retries: **${usd(s.retry ?? 0)} per day** at an assumed ${percent(report.failureRate)} of calls failing (\`failureRate\` in \`.llm-infra-lint.json\`).`,
      '',
      '| Saving | Call site | $/day | Arithmetic |',
      '| --- | --- | ---: | --- |',
    );
    for (const v of report.savings) {
      out.push(row([`${SAVING_LABELS[v.kind]}: ${v.title}`, `\`${v.path}:${v.line}\``, savingAmount(v), v.arithmetic]));
    }
    const usage = report.savings.filter((v) => v.usage);
    if (usage.length > 0) {
      out.push('', 'A cached call reports its usage differently per provider:', '');
      for (const v of usage) {
        const fields = Object.entries(v.usage!.fields).map(([k, n]) => `\`${k}\` ${int(n)}`).join(', ');
        out.push(`- \`${v.path}:${v.line}\`: ${fields} (${v.usage!.semantics})`);
      }
    }
    out.push('');
  }

  out.push(
    '## Findings per family',
    '',
    '| Family | Findings | Errors | Warnings | Info | Call sites affected | $/day at those call sites |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const f of report.totals.perFamily) {
    out.push(row([f.family, int(f.findings), int(f.bySeverity.error), int(f.bySeverity.warning), int(f.bySeverity.info), int(f.callSites), usd(f.dailyCostOfCallSites)]));
  }
  out.push('');

  if (report.otherFindings.length > 0) {
    out.push('## Other findings', '', 'Infrastructure, configuration, keys and clients not tied to a call site above.', '', '| Where | Severity | Rule | Message |', '| --- | --- | --- | --- |');
    for (const f of report.otherFindings) out.push(row([`\`${f.path}:${f.line}\``, f.severity, `\`${f.ruleId}\``, f.message.replace(/\r?\n/g, ' ')]));
    out.push('');
  }

  out.push('## Prices', '');
  if (report.prices.length === 0) {
    out.push('No call site uses a model with a known price. Add prices under `prices` in `.llm-infra-lint.json`.', '');
  } else {
    out.push(
      '| Model | Input $/1M tokens | Output $/1M tokens | As of | Cached input $/1M | Cache write $/1M | Source |',
      '| --- | ---: | ---: | --- | ---: | ---: | --- |',
    );
    for (const p of report.prices) {
      out.push(row([`\`${p.model}\``, usd(p.inputPerMillion), usd(p.outputPerMillion), p.asOf ?? 'unknown', rate(p.cachedInputPerMillion), p.cacheWritePerMillion === null ? 'not billed' : rate(p.cacheWritePerMillion), p.source]));
    }
    out.push('');
  }

  if (report.usageSemantics.length > 0) {
    out.push('## Usage semantics', '', '| Provider | Input count | Cached tokens field | Cache write field | Source | As of |', '| --- | --- | --- | --- | --- | --- |');
    for (const u of report.usageSemantics) {
      out.push(
        row([
          u.provider,
          `\`${u.inputField}\` ${u.inputIncludesCached ? '**includes** cached tokens' : '**excludes** cached tokens'}`,
          u.cachedFields.map((f) => `\`${f}\``).join(', '),
          u.cacheWriteField ? `\`${u.cacheWriteField}\`` : '—',
          u.source,
          u.asOf,
        ]),
      );
    }
    out.push('');
  }

  out.push('## How to read this', '');
  for (const note of report.assumptions.notes) out.push(`- ${note}`);
  out.push(
    `- Assumed here: ${int(report.assumptions.callsPerDay)} calls per day per call site, ${percent(report.assumptions.failureRate)} of calls failing, ` +
      `${int(report.assumptions.cacheWritesPerDay)} cache writes or misses a day, small output ≤ ${int(report.assumptions.smallOutputTokens)} tokens.`,
    '',
  );

  if (report.errors.length > 0) {
    out.push('## Files not fully analysed', '', '| File | Problem |', '| --- | --- |');
    for (const e of report.errors) out.push(row([`\`${e.path}\``, e.message]));
    out.push('');
  }
  return out.join('\n');
}

/** `**$7.34/day**` or, for unpriced retries, the attempts they waste. */
function savingHeadline(s: Saving): string {
  const attempts = s.extraAttemptsPerDay ? `${int(s.extraAttemptsPerDay)} fewer attempts/day` : '';
  if (s.perDay === null) return `**${attempts || 'not priced'}** (${SAVING_LABELS[s.kind].toLowerCase()})`;
  return `**${usd(s.perDay)}/day**${attempts && s.perDay < 0.01 ? ` and ${attempts}` : ''} (${SAVING_LABELS[s.kind].toLowerCase()})`;
}

function savingAmount(s: Saving): string {
  if (s.perDay === null) return s.extraAttemptsPerDay ? `${int(s.extraAttemptsPerDay)} attempts` : 'not priced';
  return usd(s.perDay);
}

function retryText(s: ReportCallSite, failureRate: number): string {
  const r = s.retry;
  if (r.chain === 'no retries') return 'no retrying layer found';
  const owner = r.amplified ? ` (one layer owning retries: ${r.ownerAttempts === null ? 'unbounded' : int(r.ownerAttempts)})` : '';
  const extra = s.savings.extraAttemptsPerDay ? `; about ${int(s.savings.extraAttemptsPerDay)} extra attempts/day when ${percent(failureRate)} of calls fail` : '';
  return `${retryChainText(r)}${owner}${extra}`;
}

export function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

export function tokens(s: ReportCallSite): string {
  return `${s.tokensExact || s.staticInputTokens === 0 ? '' : '≈'}${int(s.staticInputTokens)}${s.hasDynamicInput ? ' + dynamic' : ''}`;
}

export function cacheCell(s: ReportCallSite): string {
  if (s.cache.minimumTokens === null) return 'unknown';
  const verdict = s.cache.eligible ? 'eligible' : 'below minimum';
  const extra = s.cache.status === 'volatile-prefix' ? ', volatile value first' : s.cache.status === 'needs-marker' ? ', no cache_control' : '';
  return `${verdict} (min ${int(s.cache.minimumTokens)})${s.cache.marked ? ', marked' : ''}${extra}`;
}

