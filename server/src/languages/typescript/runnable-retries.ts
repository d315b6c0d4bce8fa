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
export function runnableRetries(receiver: ts.Expression, ctx: FileContext): RetryConstruct[] {
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
      const stop = arg && ts.isObjectLiteralExpression(arg) ? numberProperty(arg, 'stopAfterAttempt') : null;
      out.push(layer(node, method, ctx, 'LangChain withRetry', stop ?? WITH_RETRY_DEFAULT_ATTEMPTS, stop === null ? 'default' : 'explicit'));
    } else if (method.text === 'withFallbacks') {
      const list = arg && ts.isObjectLiteralExpression(arg) ? propertyValue(arg, 'fallbacks') : arg;
      const fallbacks = list && ts.isArrayLiteralExpression(list) && !list.elements.some(ts.isSpreadElement) ? list.elements.length : null;
      out.push(layer(node, method, ctx, 'LangChain fallbacks', fallbacks === null ? null : 1 + fallbacks, 'explicit'));
    } else if (!SAME_MODEL.has(method.text)) break;
    node = unwrap(node.expression.expression);
  }
  return out;
}

function propertyValue(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return unwrap(p.initializer);
  return undefined;
}

function numberProperty(obj: ts.ObjectLiteralExpression, name: string): number | null {
  const v = propertyValue(obj, name);
  return v && ts.isNumericLiteral(v) ? Number(v.text) : null;
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
