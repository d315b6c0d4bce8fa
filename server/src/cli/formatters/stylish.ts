import type { Severity } from '../../core/types';
import type { CheckFinding, CheckOutput } from './json';

/** ANSI styling, or none. */
interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  severity(sev: Severity, s: string): string;
  summary(worst: Severity | null, s: string): string;
}

const esc = (code: string, reset: string) => (s: string) => `\u001b[${code}m${s}\u001b[${reset}m`;
const red = esc('31', '39');
const yellow = esc('33', '39');
const cyan = esc('36', '39');
const green = esc('32', '39');

const COLOURS: Palette = {
  bold: esc('1', '22'),
  dim: esc('2', '22'),
  underline: esc('4', '24'),
  severity: (sev, s) => (sev === 'error' ? red : sev === 'warning' ? yellow : cyan)(s),
  summary: (worst, s) => esc('1', '22')((worst === 'error' ? red : worst === 'warning' ? yellow : worst === 'info' ? cyan : green)(s)),
};

const PLAIN: Palette = {
  bold: (s) => s,
  dim: (s) => s,
  underline: (s) => s,
  severity: (_sev, s) => s,
  summary: (_worst, s) => s,
};

/** Whether to colour a stream: FORCE_COLOR wins, then NO_COLOR, then whether it is a terminal. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** ESLint-style text output: findings grouped by file, a summary, then files that could not be analysed. */
export function formatStylish(output: CheckOutput, options: { colour: boolean }): string {
  const c = options.colour ? COLOURS : PLAIN;
  const lines: string[] = [];
  const byFile = new Map<string, CheckFinding[]>();
  for (const f of output.findings) {
    const list = byFile.get(f.path) ?? [];
    list.push(f);
    byFile.set(f.path, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(file));
    const rows = findings.map((f) => [`${f.line}:${f.column}`, f.severity, f.message, f.ruleId]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
    findings.forEach((f, i) => {
      const [pos, sev, msg, rule] = rows[i];
      lines.push(
        `  ${c.dim(pos.padEnd(widths[0]))}  ${c.severity(f.severity, sev.padEnd(widths[1]))}  ${msg.padEnd(widths[2])}  ${c.dim(rule)}`,
      );
    });
    lines.push('');
  }

  const counts = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const f of output.findings) {
    counts[f.severity]++;
    if (f.fixable) fixable++;
  }
  const total = output.findings.length;
  const worst: Severity | null = counts.error ? 'error' : counts.warning ? 'warning' : counts.info ? 'info' : null;
  if (total > 0) {
    lines.push(
      c.summary(
        worst,
        `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info)`,
      ),
    );
    if (fixable > 0) lines.push(c.summary(worst, `  ${fixable} fixable with a quick fix in the editor`));
  } else {
    lines.push(c.summary(null, `✔ No problems in ${plural(output.filesScanned, 'file')}`));
  }

  if (output.errors.length > 0) {
    lines.push('', c.bold(`${plural(output.errors.length, 'file error')}:`));
    const width = Math.max(...output.errors.map((e) => e.path.length));
    for (const e of output.errors) lines.push(`  ${c.underline(e.path)}${' '.repeat(width - e.path.length)}  ${e.message}`);
  }
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
