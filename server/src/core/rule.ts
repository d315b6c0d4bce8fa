import type { CodeWriter } from './code-writer';
import type { WorkspaceView } from './workspace-view';
import type {
  Family,
  FileFacts,
  Fix,
  Fixability,
  LanguageId,
  RelatedInfo,
  Severity,
  Span,
} from './types';

/** A runnable documentation example. `files` adds sibling files (paths relative to the example's root). */
export interface RuleExample {
  language: LanguageId;
  code: string;
  /** The example's own file name; defaults to `example.ts` / `example.py` / … by language. */
  filename?: string;
  files?: Record<string, string>;
}

export interface RuleDocs {
  /** One line: the hover text and the rules table row. */
  summary: string;
  /** Markdown: why this wastes money or reliability, with numbers. */
  why: string;
  bad: RuleExample[];
  good: RuleExample[];
  references: string[];
  fixSafety?: string;
}

export interface ReportInput {
  span: Span;
  message: string;
  fix?: Fix;
  related?: RelatedInfo[];
  severity?: Severity;
}

export interface RuleContext<Options> {
  file: FileFacts;
  workspace: WorkspaceView;
  options: Options;
  /** Edits in the file's own language; null for languages without code fixes. */
  writer: CodeWriter | null;
  report(input: ReportInput): void;
}

export interface RuleDefinition<Options extends object = Record<string, never>> {
  id: string;
  family: Family;
  severity: Severity;
  fixable: Fixability;
  /** Languages whose files this rule checks. */
  languages: LanguageId[];
  docs: RuleDocs;
  defaultOptions: Options;
  check(ctx: RuleContext<Options>): void;
}

// The registry stores rules with their option types erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>;

/** Declares a rule; the identity function exists so option types are inferred. */
export function defineRule<Options extends object = Record<string, never>>(
  rule: RuleDefinition<Options>,
): RuleDefinition<Options> {
  return rule;
}

/** Where a rule's documentation page lives. */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/llm-infra-lint/llm-infra-lint/blob/main/docs/rules/${id}.md`;
}
