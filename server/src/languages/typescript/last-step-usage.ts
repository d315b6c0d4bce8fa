// AI SDK multi-step calls (`stopWhen`) whose code reads `usage` where only `totalUsage` covers every step.
import { ts } from './compiler';
import { isFunctionLike, propertyNameText, spanOf, walk } from './ast';
import type { LastStepUsageRead } from '../../core/types';

/** Fields that account for every step: the sum, or the steps one by one. */
const ALL_STEPS = new Set(['totalUsage', 'steps']);

/** `generateText({ …, stopWhen: stepCountIs(5) })`: the options of a call that may run several steps. */
export function multiStepOptions(call: ts.CallExpression): ts.ObjectLiteralExpression | null {
  const options = call.arguments[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return null;
  return options.properties.some((p) => !!p.name && propertyNameText(p.name) === 'stopWhen') ? options : null;
}

/**
 * The reads of `usage` on the result bound to `name`, when it is read only through fields and no read covers every
 * step (`totalUsage`, `steps`); null otherwise, or when the result goes anywhere the analysis does not follow (returned,
 * passed on, stored whole).
 */
export function lastStepReadsOf(name: string, decl: ts.Node, scope: ts.Node, sf: ts.SourceFile): LastStepUsageRead[] | null {
  const reads: LastStepUsageRead[] = [];
  let opaque = false;
  let allSteps = false;
  walk(scope, (n) => {
    if (opaque || !ts.isIdentifier(n) || n.text !== name || n === (decl as ts.NamedDeclaration).name) return;
    const p = n.parent;
    // The same spelling as a property or key, not a use of the variable.
    if ((ts.isPropertyAssignment(p) || ts.isPropertyAccessExpression(p) || ts.isBindingElement(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return;
    if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    let self: ts.Node = n;
    while (self.parent && (ts.isAsExpression(self.parent) || ts.isParenthesizedExpression(self.parent) || ts.isNonNullExpression(self.parent) || ts.isAwaitExpression(self.parent))) self = self.parent;
    const q = self.parent;
    if (q && ts.isPropertyAccessExpression(q) && q.expression === self) {
      if (ALL_STEPS.has(q.name.text)) allSteps = true;
      else if (q.name.text === 'usage') reads.push({ span: spanOf(q.name, sf), shorthand: false });
      return;
    }
    if (q && ts.isVariableDeclaration(q) && q.initializer === self && ts.isObjectBindingPattern(q.name)) {
      const found = patternReads(q.name, sf);
      if (!found) opaque = true;
      else if (found === 'all steps') allSteps = true;
      else reads.push(...found);
      return;
    }
    opaque = true;
  });
  return opaque || allSteps || reads.length === 0 ? null : reads;
}

/** `const { text, usage } = …`: the `usage` keys, 'all steps' for `totalUsage` / `steps`, null for a rest element. */
export function patternReads(pattern: ts.ObjectBindingPattern, sf: ts.SourceFile): LastStepUsageRead[] | 'all steps' | null {
  const reads: LastStepUsageRead[] = [];
  for (const el of pattern.elements) {
    if (el.dotDotDotToken) return null;
    const key = el.propertyName ?? el.name;
    const text = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : null;
    if (text && ALL_STEPS.has(text)) return 'all steps';
    if (text === 'usage') reads.push({ span: spanOf(key, sf), shorthand: !el.propertyName });
  }
  return reads;
}

/**
 * `onFinish: ({ text, usage }) => …` (or `onFinish(event) { … event.usage … }`) in the options of a multi-step call:
 * its reads of `usage`, when no hook reads every step (`onStepFinish`, `totalUsage`, `steps`) and no telemetry
 * records them.
 */
export function onFinishLastStepReads(options: ts.ObjectLiteralExpression, sf: ts.SourceFile): LastStepUsageRead[] | null {
  let handler: ts.FunctionLikeDeclaration | undefined;
  for (const p of options.properties) {
    const key = p.name ? propertyNameText(p.name) : null;
    if (key === 'onStepFinish' || key === 'experimental_telemetry' || ts.isSpreadAssignment(p)) return null;
    if (key !== 'onFinish') continue;
    if (ts.isMethodDeclaration(p)) handler = p;
    else if (ts.isPropertyAssignment(p) && isFunctionLike(p.initializer)) handler = p.initializer;
  }
  const param = handler?.parameters[0];
  if (!handler?.body || !param) return null;
  if (ts.isObjectBindingPattern(param.name)) {
    const found = patternReads(param.name, sf);
    return Array.isArray(found) && found.length ? found : null;
  }
  return ts.isIdentifier(param.name) ? lastStepReadsOf(param.name.text, param, handler.body, sf) : null;
}
