import { ruleDocsUrl, type AnyRule } from '../../core/rule';

/** Escapes text for a markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The `rules` command's markdown: one table row per rule, sorted by id. */
export function formatRulesMarkdown(rules: readonly AnyRule[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const lines = [
    '# llm-infra-lint rules',
    '',
    `${sorted.length} rule${sorted.length === 1 ? '' : 's'}.`,
    '',
    '| Rule | Family | Severity | Fixable | Summary |',
    '| --- | --- | --- | --- | --- |',
    ...sorted.map(
      (r) => `| [\`${r.id}\`](${ruleDocsUrl(r.id)}) | ${r.family} | ${r.severity} | ${r.fixable === 'none' ? 'no' : r.fixable} | ${cell(r.docs.summary)} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}
