import { ruleDocsUrl, type AnyRule } from '../../core/rule';
import { rules } from '../../rules';
import type { RulesArgs } from '../args';
import { formatRulesMarkdown } from '../formatters/markdown';
import type { CliIo } from './check';

/** One rule's metadata as `rules --format json` prints it. */
export interface RuleMetadata {
  id: string;
  family: string;
  severity: string;
  fixable: string;
  languages: string[];
  summary: string;
  docsUrl: string;
  references: string[];
}

/** Metadata of every rule, sorted by id. */
export function ruleMetadata(all: readonly AnyRule[]): RuleMetadata[] {
  return [...all]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      family: r.family,
      severity: r.severity,
      fixable: r.fixable,
      languages: [...r.languages],
      summary: r.docs.summary,
      docsUrl: ruleDocsUrl(r.id),
      references: [...r.docs.references],
    }));
}

/** `llm-infra-lint rules`: the rule list as a markdown table or JSON array. */
export function runRules(args: RulesArgs, io: CliIo): number {
  io.stdout.write(args.format === 'json' ? JSON.stringify(ruleMetadata(rules), null, 2) + '\n' : formatRulesMarkdown(rules));
  return 0;
}
