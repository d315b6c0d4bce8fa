// An engine with the config front ends and rules, for tests run before they are registered.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { Engine } from '../../server/src/core/engine';
import type { AnyRule } from '../../server/src/core/rule';
import { applyEdits } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { createFrontEnds } from '../../server/src/languages';
import { createNginxFrontEnd } from '../../server/src/languages/config/nginx-front-end';
import { createYamlFrontEnd } from '../../server/src/languages/config/yaml-front-end';
import gatewayWithoutFallback from '../../server/src/rules/gateway-without-fallback';
import retriedTimeouts from '../../server/src/rules/retried-timeouts';
import sseBufferedByProxy from '../../server/src/rules/sse-buffered-by-proxy';
import timeoutInversion from '../../server/src/rules/timeout-inversion';
import { tempDir } from '../helpers/temp-dir';

export const configRules: AnyRule[] = [gatewayWithoutFallback, retriedTimeouts, sseBufferedByProxy, timeoutInversion];

/** An engine over in-memory files (paths relative to a fresh temp root) with the config front ends first. */
export function infraEngine(files: Record<string, string>, configText?: string, rules: AnyRule[] = configRules): { engine: Engine; root: string; file: (rel: string) => string } {
  const root = tempDir('lil-infra-');
  const config = configText ? parseConfig(configText, path.join(root, '.llm-infra-lint.json')).config : defaultConfig();
  const frontEnds = [createYamlFrontEnd(), createNginxFrontEnd(), ...createFrontEnds().filter((f) => !f.languageOf('x.yaml') && !f.languageOf('nginx.conf'))];
  const engine = new Engine({ root, rules, frontEnds, config });
  for (const [rel, text] of Object.entries(files)) engine.setFile(path.join(root, rel), text);
  return { engine, root, file: (rel) => path.join(root, rel) };
}

/** Applies every fix of `ruleId` among `findings` to `text`. */
export function applyFixes(text: string, findings: Finding[], ruleId: string): string {
  return applyEdits(text, findings.filter((f) => f.ruleId === ruleId && f.fix).flatMap((f) => f.fix!.edits.filter((e) => !e.path)));
}

/** Reads a fixture folder into a rel-path → text map. */
export function readFixture(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) readFixture(p, base, out);
    else out[path.relative(base, p)] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

/** A Next.js route whose LLM call may run 600 s: what the Ingress tests put behind their routes. */
export const CHAT_ROUTE_600S = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 600_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  console.info('llm.usage', r.usage);
  return Response.json(r.choices[0].message);
}
`;
