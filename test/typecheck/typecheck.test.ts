// Type-checks the TypeScript rule fixtures with `tsc --noEmit` against the minimal SDK stubs in
// ./stubs, before and after the rules' fixes.
//
// For each test/fixtures/<rule-id>/ folder with TypeScript in it, the folder is copied to a temp
// workspace and compiled by the repo's own tsc (strict, bundler resolution, SDK modules mapped to
// ./stubs by `paths`):
//   - "original": the sources as they are (`*.fixed.*` left out);
//   - "fixed" (folders with a `*.fixed.ts`): the same, with each `X.fixed.ts` written as `X.ts`, so
//     a fix that yields code which no longer type-checks fails here even though it parses.
// All workspaces go to one `tsc -b` process (the lib and @types/node files are parsed once, not per
// folder); each diagnostic is attributed to the workspace its file is in. The stubs are checked too,
// as one more project with skipLibCheck off.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/temp-dir';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const STUBS = path.join(__dirname, 'stubs');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

const TS_FILE = /\.[cm]?tsx?$/;
const FIXED = /\.fixed\./;

/**
 * Original sources that cannot type-check because the rule's point is a type-level problem:
 * `<rule-id>/<relative path>` → reason. The file is still copied (its importers need it) but gets a
 * `// @ts-nocheck` header in the temp workspaces (in the "fixed" one too, unless it has a `.fixed`
 * version, which is checked). None so far: every original type-checks.
 */
const ORIGINAL_SKIPS: Record<string, string> = {};

/**
 * Fixed outputs that are known not to type-check, reported to the rule's owner: `<rule-id>` → reason.
 * Those tests run as `todo`, so the suite stays green while the bug stays visible.
 */
const FIXED_TODOS: Record<string, string> = {};

/**
 * Module name → stub declaration file: every `index.d.ts` under ./stubs, named by its folder. Deno's spellings of the
 * same package (`npm:openai@4`, `jsr:@std/http@1`, `https://esm.sh/openai@4.52.0`) map to the same stub, so Deno fixtures type-check too.
 */
function stubPaths(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === 'index.d.ts') {
        const name = path.relative(STUBS, dir).split(path.sep).join('/');
        for (const spelling of [name, `npm:${name}`, `npm:${name}@*`, `jsr:${name}`, `jsr:${name}@*`, `https://esm.sh/${name}@*`]) out[spelling] = [p];
      }
    }
  };
  walk(STUBS);
  // Deno's standard library by URL, as Supabase Edge Functions import it.
  out['https://deno.land/std@*/http/server.ts'] = out['@std/http'];
  return out;
}

/**
 * Module names a fixture workspace defines for itself, as tsc paths into the temp copy: workspace packages (a
 * package.json `name`, sources under `src/`) and the `paths` of nested tsconfig.json files (plain JSON here).
 */
function fixtureModulePaths(src: string, root: string, files: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const rel of files) {
    const dir = path.dirname(rel);
    const name = path.basename(rel);
    if (name === 'package.json') {
      const pkg = JSON.parse(fs.readFileSync(path.join(src, rel), 'utf8')) as { name?: string };
      if (!pkg.name) continue;
      out[pkg.name] = [path.join(root, dir, 'src')];
      out[`${pkg.name}/*`] = [path.join(root, dir, 'src', '*')];
    } else if (name === 'tsconfig.json') {
      const options = (JSON.parse(fs.readFileSync(path.join(src, rel), 'utf8')) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }).compilerOptions;
      const base = path.join(root, dir, options?.baseUrl ?? '.');
      for (const [alias, targets] of Object.entries(options?.paths ?? {})) out[alias] = targets.map((t) => path.join(base, t));
    }
  }
  return out;
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(p, base, out);
    else out.push(path.relative(base, p));
  }
  return out.sort();
}

interface Workspace {
  ruleId: string;
  variant: 'original' | 'fixed';
  root: string;
  /** Workspace-relative path → fixture-relative path it was written from (for error messages). */
  origin: Map<string, string>;
  /** TypeScript files in the workspace that tsc actually checks. */
  checked: string[];
  /** Files given a `// @ts-nocheck` header, with the reason. */
  skipped: Array<[string, string]>;
}

function writeWorkspace(tmp: string, ruleId: string, variant: Workspace['variant']): Workspace {
  const src = path.join(FIXTURES, ruleId);
  const root = path.join(tmp, `${ruleId}.${variant}`);
  const files = listFiles(src);
  const origin = new Map<string, string>();
  const skipped: Array<[string, string]> = [];
  const fixedOf = new Map(files.filter((f) => FIXED.test(f) && TS_FILE.test(f)).map((f) => [f.replace('.fixed.', '.'), f]));
  for (const rel of files) {
    if (FIXED.test(rel)) continue;
    const from = variant === 'fixed' && fixedOf.has(rel) ? fixedOf.get(rel)! : rel;
    let text = fs.readFileSync(path.join(src, from), 'utf8');
    // A skipped original is skipped wherever it is used as is (in the fixed workspace too, unless fixed).
    const skip = from === rel ? ORIGINAL_SKIPS[`${ruleId}/${rel.split(path.sep).join('/')}`] : undefined;
    if (skip && TS_FILE.test(rel)) {
      text = `// @ts-nocheck -- ${skip}\n${text}`;
      skipped.push([rel, skip]);
    }
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    origin.set(rel.split(path.sep).join('/'), from.split(path.sep).join('/'));
  }
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'esnext',
      moduleResolution: 'bundler',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
      esModuleInterop: true,
      forceConsistentCasingInFileNames: true,
      skipLibCheck: true,
      noUnusedLocals: false,
      // Method decorators as NestJS and most decorated service code write them (`(target, key, descriptor)`).
      experimentalDecorators: true,
      paths: { ...stubPaths(), '@/*': [path.join(root, '*'), path.join(root, 'src', '*')], ...fixtureModulePaths(src, root, files) },
    },
    include: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
  };
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const checked = files.filter((f) => !FIXED.test(f) && TS_FILE.test(f));
  return { ruleId, variant, root, origin, checked, skipped };
}

/** Runs tsc in build mode over all the workspaces at once: one process, the lib files parsed once. */
function runTscBuild(cwd: string, projects: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, '-b', ...projects, '--pretty', 'false'], { cwd });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: -1, output: String(err) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

interface Diagnostic {
  /** Absolute path of the file it is in, if any. */
  file?: string;
  /** The diagnostic, continuation lines included. */
  text: string;
}

/** Splits `--pretty false` output into diagnostics (a head line plus its indented continuation lines). */
function parseDiagnostics(cwd: string, output: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && out.length) {
      out[out.length - 1].text += `\n${line}`;
      continue;
    }
    const m = /^(.+?)\(\d+,\d+\): /.exec(line);
    out.push({ file: m ? path.resolve(cwd, m[1]) : undefined, text: line });
  }
  return out;
}

const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..') && !path.isAbsolute(path.relative(dir, file));

/** A diagnostic with its temp path turned back into the fixture path (`X.ts` → `X.fixed.ts` where it came from there). */
function located(ws: Workspace, d: Diagnostic): string {
  if (!d.file || !inside(ws.root, d.file)) return d.text;
  const rel = path.relative(ws.root, d.file).split(path.sep).join('/');
  const from = ws.origin.get(rel);
  return from ? d.text.replace(/^.+?(\(\d+,\d+\): )/, `test/fixtures/${ws.ruleId}/${from}$1`) : d.text;
}

// ---- the folders --------------------------------------------------------------------------

const ruleIds = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES)
      .filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory())
      .filter((d) => listFiles(path.join(FIXTURES, d)).some((f) => TS_FILE.test(f) && !f.endsWith('.d.ts')))
      .sort()
  : [];

const plans: Array<{ ruleId: string; variant: Workspace['variant'] }> = [];
for (const ruleId of ruleIds) {
  plans.push({ ruleId, variant: 'original' });
  if (listFiles(path.join(FIXTURES, ruleId)).some((f) => FIXED.test(f) && TS_FILE.test(f))) plans.push({ ruleId, variant: 'fixed' });
}

interface Outcome {
  workspaces: Map<string, Workspace>;
  /** Diagnostics per workspace key, plus `stubs` (the stubs' own check) and `global` (no file, or outside every project). */
  diagnostics: Map<string, Diagnostic[]>;
  code: number | null;
  output: string;
}

const key = (ruleId: string, variant: string) => `${ruleId}:${variant}`;
let tmp = '';
let outcome: Promise<Outcome>;

before(() => {
  tmp = tempDir('llm-infra-lint-typecheck-');
  const workspaces = new Map(plans.map((p) => [key(p.ruleId, p.variant), writeWorkspace(tmp, p.ruleId, p.variant)]));
  // The stubs themselves, with library checking on (the workspaces skip it).
  const stubProject = path.join(tmp, 'stubs');
  fs.mkdirSync(stubProject);
  const stubs = stubPaths();
  fs.writeFileSync(
    path.join(stubProject, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: ['node'],
        typeRoots: [path.join(REPO, 'node_modules', '@types')],
        esModuleInterop: true,
        skipLibCheck: false,
        paths: stubs,
      },
      files: Object.values(stubs).map(([f]) => f),
    }),
  );
  const projects = [...[...workspaces.values()].map((ws) => ws.root), stubProject].map((p) => path.relative(tmp, p));
  outcome = runTscBuild(tmp, projects).then(({ code, output }) => {
    const diagnostics = new Map<string, Diagnostic[]>();
    const add = (k: string, d: Diagnostic) => diagnostics.set(k, [...(diagnostics.get(k) ?? []), d]);
    for (const d of parseDiagnostics(tmp, output)) {
      const ws = d.file ? [...workspaces.entries()].find(([, w]) => inside(w.root, d.file!)) : undefined;
      if (ws) add(ws[0], d);
      else if (d.file && (inside(STUBS, d.file) || inside(stubProject, d.file))) add('stubs', d);
      else add('global', d);
    }
    return { workspaces, diagnostics, code, output };
  });
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Diagnostics that concern `k`: its own, and those that could not be placed in any project. */
async function problems(k: string): Promise<{ lines: Diagnostic[]; outcome: Outcome }> {
  const o = await outcome;
  const lines = [...(o.diagnostics.get(k) ?? []), ...(o.diagnostics.get('global') ?? [])];
  // A failed run without a single diagnostic (tsc crashed, say) concerns everyone.
  if (o.code !== 0 && o.diagnostics.size === 0) lines.push({ text: `tsc exited with ${o.code}:\n${o.output}` });
  return { lines, outcome: o };
}

describe('typecheck stubs', () => {
  it('the SDK stubs type-check on their own (skipLibCheck off)', async () => {
    const { lines } = await problems('stubs');
    assert.deepEqual(lines.map((d) => d.text), []);
  });
});

for (const ruleId of ruleIds) {
  describe(`typecheck ${ruleId}`, () => {
    for (const { variant } of plans.filter((p) => p.ruleId === ruleId)) {
      const todo = variant === 'fixed' ? FIXED_TODOS[ruleId] : undefined;
      const title = variant === 'original' ? 'original sources type-check' : 'sources with the fixes applied (*.fixed.ts) type-check';
      it(title, todo ? { todo } : {}, async () => {
        const { lines, outcome: o } = await problems(key(ruleId, variant));
        const ws = o.workspaces.get(key(ruleId, variant))!;
        assert.ok(ws.checked.length > 0, 'no TypeScript files to check');
        const skipped = ws.skipped.map(([f, why]) => `\n  skipped (// @ts-nocheck) ${f}: ${why}`).join('');
        assert.ok(
          lines.length === 0,
          `tsc reports ${lines.length} error(s) in test/fixtures/${ruleId} (${variant})${skipped}\n${lines.map((d) => located(ws, d)).join('\n')}`,
        );
      });
    }
  });
}
