// Functions a JavaScript/TypeScript program runs once per process: a script's `main()` run from top-level code and
// command-line commands. Work done in them (reading a prompt file) is done once per run, not once per request.
import { ts } from './compiler';
import { enclosingFunction, functionName, walk } from './ast';
import type { FileContext } from './file-context';

/** Packages whose `.action(callback)` runs the callback for the command line the program was started with. */
const COMMAND_PACKAGE = /(?:from\s+|require\(\s*)['"](commander|@commander-js\/extra-typings|cac|sade)['"]/;

/** Why `fn` runs once per process, or null. */
export function entryPointOf(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  if (isCommandAction(fn, ctx)) return 'command-line command';
  const name = functionName(fn);
  // A yargs command module (`export const command = 'ask <q>'`) runs its `handler` once per command line.
  if (name === 'handler' && /^export\s+const\s+command\s*=/m.test(ctx.text)) return 'command-line command';
  if (!name || enclosingFunction(fn) || !declaredAtTopLevel(fn)) return null;
  return runFromTopLevelOnly(fn, name, ctx) ? `script entry point (${name}() run from top-level code)` : null;
}

/** `program.command('x').action(async (opts) => …)` in a commander, cac or sade program. */
function isCommandAction(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'action' && COMMAND_PACKAGE.test(ctx.text);
}

/** `function main() {…}` or `const main = async () => {…}` as a statement of the file itself. */
function declaredAtTopLevel(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return !!fn.parent && ts.isSourceFile(fn.parent);
  const decl = fn.parent;
  return !!decl && ts.isVariableDeclaration(decl) && decl.initializer === fn && !!decl.parent?.parent && ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
}

/**
 * Every use of the name is in top-level code, calling the function (`main()`, `main().catch(…)`, `void main()`):
 * nothing but the program's own start runs it.
 */
function runFromTopLevelOnly(fn: ts.FunctionLikeDeclaration, name: string, ctx: FileContext): boolean {
  const declared = ts.isFunctionDeclaration(fn) ? fn.name : (fn.parent as ts.VariableDeclaration).name;
  let uses = 0;
  for (const n of identifierUses(ctx.sf).get(name) ?? []) {
    if (n === declared) continue;
    const p = n.parent;
    // Only a call: a function handed to another (`client.on('messageCreate', onMessage)`, `setInterval(poll, …)`,
    // `cron.schedule(…, job)`) may run again and again.
    const called = ts.isCallExpression(p) && p.expression === n;
    if (!called || enclosingFunction(n)) return false;
    uses++;
  }
  return uses > 0;
}

const usesBySource = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

/** The identifiers of a file by name, property names left out (`x.main` is no use of `main`): one walk per parse. */
function identifierUses(sf: ts.SourceFile): Map<string, ts.Identifier[]> {
  let index = usesBySource.get(sf);
  if (index) return index;
  index = new Map();
  const found = index;
  walk(sf, (n) => {
    if (!ts.isIdentifier(n)) return;
    const p = n.parent;
    if (ts.isPropertyAccessExpression(p) && p.name === n) return;
    const list = found.get(n.text);
    if (list) list.push(n);
    else found.set(n.text, [n]);
  });
  usesBySource.set(sf, index);
  return index;
}
