import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { ts } from 'ts-morph';

/** Whether source text parses without errors in its language (TypeScript/JS via the compiler, Python via tree-sitter, YAML via yaml). */
export async function parsesCleanly(file: string, text: string): Promise<{ ok: boolean; error?: string }> {
  const ext = path.extname(file);
  if (/^\.[cm]?[jt]sx?$/.test(ext)) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ext.includes('x') ? ts.ScriptKind.TSX : undefined);
    const diags = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
    if (diags.length) return { ok: false, error: ts.flattenDiagnosticMessageText(diags[0].messageText, ' ') };
    // The TypeScript parser accepts TypeScript in a .js file; esbuild's JavaScript loader does not (`err as T`).
    if (/^\.[cm]?jsx?$/.test(ext)) {
      try {
        transformSync(text, { loader: ext.endsWith('x') ? 'jsx' : 'js', logLevel: 'silent' });
      } catch (e) {
        return { ok: false, error: `not valid JavaScript: ${(e as Error).message.split('\n')[1] ?? (e as Error).message}` };
      }
      // A CommonJS module given an `import` declaration is read as an ES module by Node: `require` is then undefined.
      const imports = sf.statements.some((st) => ts.isImportDeclaration(st) || (ts.isImportEqualsDeclaration(st) && !st.isTypeOnly));
      if (imports && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/.test(text)) return { ok: false, error: 'mixes CommonJS (require / module.exports) with an ES import declaration' };
    }
    return { ok: true };
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
