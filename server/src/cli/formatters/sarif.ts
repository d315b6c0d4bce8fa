import { pathToFileURL } from 'node:url';
import { ruleDocsUrl, type AnyRule } from '../../core/rule';
import type { Severity } from '../../core/types';
import type { CheckOutput } from './json';

/** The SARIF 2.1.0 JSON schema GitHub's examples reference. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The tool's home page in SARIF `informationUri`. */
export const INFORMATION_URI = 'https://github.com/llm-infra-lint/llm-infra-lint';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Absolute directory the relative paths are relative to (`%SRCROOT%`). */
  root: string;
  toolVersion: string;
}

/** SARIF 2.1.0 log with rule metadata, as GitHub code scanning accepts it. */
export function formatSarif(output: CheckOutput, rules: readonly AnyRule[], options: SarifOptions): string {
  return JSON.stringify(toSarif(output, rules, options), null, 2) + '\n';
}

/** The SARIF log as an object. */
export function toSarif(output: CheckOutput, rules: readonly AnyRule[], options: SarifOptions): Record<string, unknown> {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const indexOf = new Map(sorted.map((r, i) => [r.id, i]));
  const location = (path: string, region?: Record<string, number>) => ({
    physicalLocation: {
      artifactLocation: { uri: toUri(path), uriBaseId: '%SRCROOT%' },
      ...(region ? { region } : {}),
    },
  });
  const rootUri = pathToFileURL(options.root).href.replace(/\/?$/, '/');
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'llm-infra-lint',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: sorted.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: output.findings.map((f) => ({
          ruleId: f.ruleId,
          ...(indexOf.has(f.ruleId) ? { ruleIndex: indexOf.get(f.ruleId) } : {}),
          level: LEVELS[f.severity],
          message: { text: f.message },
          locations: [
            location(f.path, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }),
          ],
          properties: { family: f.family, fixable: f.fixable },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: output.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [location(e.path)],
            })),
          },
        ],
      },
    ],
  };
}

function ruleDescriptor(rule: AnyRule): Record<string, unknown> {
  const helpUri = ruleDocsUrl(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why || rule.docs.summary },
    help: { text: `${rule.docs.summary}\n\n${helpUri}`, markdown: `${rule.docs.why}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVELS[rule.severity as Severity] },
    properties: { tags: [rule.family], fixable: rule.fixable, languages: rule.languages },
  };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function toUri(p: string): string {
  return p.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}
