// Number and text formatting shared by the report's renderings (markdown, HTML, the VS Code webview).
// No imports: the extension bundles this file, and it must not pull the tokenizer or the catalogue in.

/** `$1,234.57`, `$0.50`, and two significant digits below a cent (`$0.0025`); a dash for null. Same as hovers. */
export function usd(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (!Number.isFinite(n)) return '$—';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs === 0) return '$0.00';
  if (abs >= 0.01) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const decimals = Math.min(10, 1 - Math.floor(Math.log10(abs)));
  return `${sign}$${abs.toFixed(decimals)}`;
}

/** A rate in USD per 1M tokens, without rounding away its digits: `$2.50`, `$0.075`. */
export function rate(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const s = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return `$${s}`;
}

/** `12,345` */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `3 call sites`, `1 call site` */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${int(n)} ${n === 1 ? word : many}`;
}

/** `2 %`, `0.5 %` */
export function percent(fraction: number): string {
  const p = fraction * 100;
  // 99.9 % must not round up to 100 % (nor 0.04 % down to 0 %).
  if (p > 99.5 && p < 100) return `${Math.min(99.9, Math.floor(p * 10) / 10)} %`;
  return `${p >= 10 || Number.isInteger(p) ? Math.round(p) : Number(p.toPrecision(2))} %`;
}

/** Text safe inside HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** One line, at most `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max = 48): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A call's retry chain in words: one layer says its attempts and retries, stacked layers show their product. */
export function retryChainText(r: { layers: Array<{ label: string; attempts: number | null; source: string }>; chain: string; worstCase: number | null }): string {
  const retrying = r.layers.filter((l) => l.attempts !== 1);
  if (retrying.length === 1) {
    const l = retrying[0];
    if (l.attempts === null) return `${l.label}: no bound on attempts`;
    return `${l.label}: up to ${int(l.attempts)} attempts (${plural(l.attempts - 1, 'retry', 'retries')}${l.source === 'default' ? ', its default' : ''})`;
  }
  return `${r.chain} = ${r.worstCase === null ? 'unbounded' : `${int(r.worstCase)} attempts worst case`}`;
}

/** A service directory for display: the workspace root (`.`) in words. */
export function serviceLabel(name: string | undefined): string {
  return !name || name === '.' ? '(workspace root)' : name;
}

/**
 * What the headline total leaves out: call sites without a price for their model, and sites whose output has no
 * maximum (their output cost is not counted). Null when every site is fully counted.
 */
export function totalCoverage(sites: ReadonlyArray<{ model: string | null; costPer1000: { total: number | null }; maxOutputTokens: number | null }>): string | null {
  const unpriced = sites.filter((s) => s.costPer1000.total === null);
  const noMax = sites.filter((s) => s.costPer1000.total !== null && s.maxOutputTokens === null);
  const parts: string[] = [];
  if (unpriced.length) {
    const models = [...new Set(unpriced.map((s) => s.model ?? 'unknown model'))];
    parts.push(`${plural(unpriced.length, 'call site')} left out, without a price (${models.slice(0, 4).join(', ')}${models.length > 4 ? ', …' : ''})`);
  }
  if (noMax.length) parts.push(`${plural(noMax.length, 'call site')} without an output maximum, whose output is not counted`);
  return parts.length ? parts.join('; ') : null;
}
