// LangChain.js runnables that repeat a model call themselves, read from the receiver of `.invoke(…)` / `.stream(…)`:
// `.withRetry({ stopAfterAttempt: 5 })` (RunnableRetry, 3 attempts unless told) and `.withFallbacks([backup])` or
// `.withFallbacks({ fallbacks: [backup] })` (after the primary fails, each fallback in turn, each with its own retries).
import { ts } from './compiler';
import type { RetryConstruct } from '../../core/types';
import { propertyNameText, spanOf, unwrap } from './ast';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';

/** Methods that hand back the same model with other settings: the retry layers may be further along the chain. */
const SAME_MODEL = new Set(['bind', 'bindTools', 'withConfig', 'withStructuredOutput', 'withListeners', 'withTypes']);

/** RunnableRetry's default `stopAfterAttempt` (@langchain/core runnables/base.ts). */
const WITH_RETRY_DEFAULT_ATTEMPTS = 3;

/** The retry and fallback layers of the runnable a LangChain call goes through, innermost first. */
export function runnableRetries(receiver: ts.Expression, ctx: FileContext, depth = 0): RetryConstruct[] {
  const out: RetryConstruct[] = [];
  let node: ts.Expression | null = unwrap(receiver);
  for (let step = 0; node && step < 12; step++) {
    if (ts.isIdentifier(node)) {
      // A name bound once in this file (`const llm = model.withRetry()`), not a parameter or an import.
      const decl = ctx.declarationOf(node);
      const init = decl && !isImportRef(decl) && ts.isVariableDeclaration(decl as ts.Node) ? (decl as ts.VariableDeclaration).initializer : undefined;
      node = init ? unwrap(init) : null;
      continue;
    }
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) break;
    const method = node.expression.name;
    const arg = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    if (method.text === 'withRetry') {
      const stop = arg && ts.isObjectLiteralExpression(arg) ? propertyValue(arg, 'stopAfterAttempt') : undefined;
      // A count that cannot be read is not multiplied.
      const attempts = stop === undefined ? WITH_RETRY_DEFAULT_ATTEMPTS : ts.isNumericLiteral(stop) ? Number(stop.text) : null;
      out.push(layer(node, method, ctx, 'LangChain withRetry', attempts, stop === undefined ? 'default' : 'explicit'));
    } else if (method.text === 'withFallbacks') {
      const list = arg && ts.isObjectLiteralExpression(arg) ? propertyValue(arg, 'fallbacks') : arg;
      const items = list && ts.isArrayLiteralExpression(list) && !list.elements.some(ts.isSpreadElement) ? [...list.elements] : null;
      // Each runnable is tried with its own retries: `primary.withRetry(…).withFallbacks([backup])` makes 3 + 1 passes
      // through the model, not 3 × 2. The layers of the primary are folded into this one.
      const passes = (r: ts.Expression) => runnableRetries(r, ctx, depth + 1).reduce<number | null>((n, l) => (n === null || l.attempts === null ? null : n * l.attempts), 1);
      const primary = out.length || depth > 2 ? 1 : passes(node.expression.expression);
      const total = items && primary !== null ? items.reduce<number | null>((n, it) => { const p = passes(it); return n === null || p === null ? null : n + p; }, primary) : null;
      const retried = total !== null && total > 1 + (items?.length ?? 0);
      out.push(layer(node, method, ctx, retried ? 'LangChain withRetry and fallbacks' : 'LangChain fallbacks', total, 'explicit'));
      if (retried) return out;
    } else if (!SAME_MODEL.has(method.text)) break;
    node = unwrap(node.expression.expression);
  }
  return out;
}

function propertyValue(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return unwrap(p.initializer);
  return undefined;
}

function layer(call: ts.CallExpression, method: ts.MemberName, ctx: FileContext, label: string, attempts: number | null, source: 'explicit' | 'default'): RetryConstruct {
  return {
    kind: 'library',
    label,
    attempts,
    source,
    path: ctx.path,
    span: spanOf(call, ctx.sf),
    headSpan: spanOf(method, ctx.sf),
    // RunnableRetry waits exponentially with jitter; fallbacks move on to another model at once.
    backoff: 'exponential',
    jitter: true,
    catchesAll: false,
    bounded: attempts !== null,
  };
}
