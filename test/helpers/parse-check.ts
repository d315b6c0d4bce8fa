import * as path from 'node:path';
import { ts } from 'ts-morph';

/** Whether source text parses without errors in its language (TypeScript/JS via the compiler, Python via tree-sitter, YAML via yaml). */
export async function parsesCleanly(file: string, text: string): Promise<{ ok: boolean; error?: string }> {
  const ext = path.extname(file);
  if (/^\.[cm]?[jt]sx?$/.test(ext)) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ext.includes('x') ? ts.ScriptKind.TSX : undefined);
    const diags = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
    return diags.length ? { ok: false, error: ts.flattenDiagnosticMessageText(diags[0].messageText, ' ') } : { ok: true };
  }
  if (ext === '.py') {
    try {
      const mod = (await import('../../server/src/languages/python/parser')) as Record<string, unknown>;
      const check = mod.pythonSyntaxError as ((t: string) => Promise<string | null> | string | null) | undefined;
      if (check) {
        const err = await check(text);
        return err ? { ok: false, error: err } : { ok: true };
      }
    } catch {
      // No Python parser yet.
    }
    return { ok: true };
  }
  if (ext === '.yaml' || ext === '.yml') {
    const { parseAllDocuments } = await import('yaml');
    const { parseYaml } = await import('../../server/src/languages/config/yaml-ast');
    const { embeddedYamlBlocks } = await import('../../server/src/languages/config/embedded-yaml');
    const docs = parseAllDocuments(text);
    const err = docs.flatMap((d) => d.errors)[0];
    if (err) return { ok: false, error: err.message };
    // YAML files inside ConfigMaps (a LiteLLM config.yaml) must stay valid YAML too.
    for (const { doc } of parseYaml(text).docs) {
      for (const block of embeddedYamlBlocks(doc, text)) {
        const inner = parseAllDocuments(block.text).flatMap((d) => d.errors)[0];
        if (inner) return { ok: false, error: `ConfigMap key ${block.key}: ${inner.message}` };
      }
    }
    return { ok: true };
  }
  return { ok: true };
}
