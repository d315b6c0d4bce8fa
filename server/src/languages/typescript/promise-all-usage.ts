// Responses awaited together: `const [a, b] = await Promise.all([create(…), create(…)])`,
// `(await Promise.all([create(…), create(…)])).flatMap((r) => r.choices)`, `await Promise.all(qs.map((q) => create(q)))`.
// What the code does with the resolved array, element by element, is what it does with each response.
import { ts } from './compiler';
import { enclosingFunction, outerExpression, propertyNameText, unwrap, walk } from './ast';
import type { LlmCallSite } from '../../core/types';

type Usage = LlmCallSite['usage'];

export interface ElementJudge {
  /** What the code does with one response held by `name` (declared by `decl`) within `scope`. */
  follow(name: string, scope: ts.Node, decl: ts.VariableDeclaration | ts.ParameterDeclaration): Usage;
  /** A field of a response that holds its usage. */
  usageField: RegExp;
}

/** Array methods whose callback receives each element, and whose result says nothing more about the elements. */
const PER_ELEMENT = /^(map|flatMap|forEach)$/;

/**
 * The usage of the response `top` (the call, once awaited or cast) when it is an element of what `Promise.all` awaits:
 * an element of the array literal handed to it, or what the callback of `items.map(…)` handed to it returns. Null when
 * `top` is not such an element; `escapes` when the resolved array goes anywhere this cannot follow.
 */
export function usageThroughPromiseAll(top: ts.Node, judge: ElementJudge): Usage | null {
  const parent = top.parent;
  if (!parent) return null;
  if (ts.isArrayLiteralExpression(parent)) {
    const all = promiseAllOf(parent);
    if (!all) return null;
    const index = parent.elements.indexOf(top as ts.Expression);
    // `[...earlier, create(…)]`: the element's place in the result is not known.
    if (index < 0 || parent.elements.slice(0, index).some(ts.isSpreadElement)) return 'escapes';
    return resolvedArrayUsage(all, index, judge);
  }
  const callback = ts.isArrowFunction(parent) && parent.body === top ? parent : ts.isReturnStatement(parent) ? enclosingFunction(parent) : undefined;
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return null;
  const map = callback.parent;
  if (!ts.isCallExpression(map) || map.arguments[0] !== callback || !ts.isPropertyAccessExpression(map.expression) || map.expression.name.text !== 'map') return null;
  const all = promiseAllOf(map);
  return all ? resolvedArrayUsage(all, null, judge) : null;
}

/** The `Promise.all(…)` call `arg` is the first argument of. */
function promiseAllOf(arg: ts.Node): ts.CallExpression | null {
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== arg) return null;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && callee.name.text === 'all' ? call : null;
}

/** `index`: the response's place in the array, null when it may be any element (`items.map(…)`). */
function resolvedArrayUsage(all: ts.CallExpression, index: number | null, judge: ElementJudge): Usage {
  const top = outerExpression(all);
  const parent = top.parent;
  if (!parent) return 'unknown';
  if (ts.isExpressionStatement(parent)) return 'discarded';
  if (ts.isVariableDeclaration(parent) && parent.initializer === top) {
    const scope = enclosingFunction(parent) ?? parent.getSourceFile();
    if (ts.isArrayBindingPattern(parent.name)) return combine(elementsBound(parent.name, index).map((el) => boundElementUsage(el, parent, scope, judge)));
    if (!ts.isIdentifier(parent.name)) return 'escapes';
    const name = parent.name;
    const uses: Usage[] = [];
    walk(scope, (n) => {
      if (!ts.isIdentifier(n) || n.text !== name.text || n === name) return;
      const p = n.parent;
      if ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isBindingElement(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return;
      uses.push(arrayUseUsage(outerExpression(n), index, judge));
    });
    return combine(uses);
  }
  return arrayUseUsage(top, index, judge);
}

/** The binding elements of `[a, b]` that may hold the response. */
function elementsBound(pattern: ts.ArrayBindingPattern, index: number | null): ts.ArrayBindingElement[] {
  if (index === null) return [...pattern.elements];
  const rest = pattern.elements.findIndex((e) => ts.isBindingElement(e) && !!e.dotDotDotToken);
  if (rest >= 0 && rest <= index) return [pattern.elements[rest]];
  return index < pattern.elements.length ? [pattern.elements[index]] : [];
}

function boundElementUsage(el: ts.ArrayBindingElement, decl: ts.VariableDeclaration, scope: ts.Node, judge: ElementJudge): Usage {
  if (ts.isOmittedExpression(el)) return 'discarded';
  if (el.dotDotDotToken) return 'escapes';
  if (ts.isIdentifier(el.name)) return judge.follow(el.name.text, scope, decl);
  return ts.isObjectBindingPattern(el.name) ? patternUsage(el.name, judge) : 'escapes';
}

/** `({ choices }) => …`, `const [{ choices }] = …`: a destructured response reads what it names. */
function patternUsage(pattern: ts.ObjectBindingPattern, judge: ElementJudge): Usage {
  if (pattern.elements.some((e) => e.dotDotDotToken)) return 'escapes';
  const names = pattern.elements.map((e) => (e.propertyName ? propertyNameText(e.propertyName) : ts.isIdentifier(e.name) ? e.name.text : null));
  return names.some((n) => n !== null && judge.usageField.test(n)) ? 'read' : 'discarded';
}

/** One use of the resolved array `use`: a per-element callback, an element read by its index, a loop over it. */
function arrayUseUsage(use: ts.Node, index: number | null, judge: ElementJudge): Usage {
  const p = use.parent;
  if (!p) return 'escapes';
  if (ts.isPropertyAccessExpression(p) && p.expression === use) {
    if (p.name.text === 'length') return 'discarded';
    const call = p.parent;
    if (!PER_ELEMENT.test(p.name.text) || !ts.isCallExpression(call) || call.expression !== p) return 'escapes';
    const cb = call.arguments[0] && unwrap(call.arguments[0]);
    if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return 'escapes';
    const param = cb.parameters[0];
    if (!param) return 'discarded';
    if (ts.isIdentifier(param.name)) return judge.follow(param.name.text, cb, param);
    return ts.isObjectBindingPattern(param.name) ? patternUsage(param.name, judge) : 'escapes';
  }
  if (ts.isElementAccessExpression(p) && p.expression === use) {
    const at = p.argumentExpression;
    if (!ts.isNumericLiteral(at)) return 'escapes';
    if (index !== null && Number(at.text) !== index) return 'discarded';
    const field = outerExpression(p).parent;
    if (field && ts.isPropertyAccessExpression(field) && field.expression === outerExpression(p)) return judge.usageField.test(field.name.text) ? 'read' : 'discarded';
    return 'escapes';
  }
  if (ts.isForOfStatement(p) && p.expression === use) {
    const list = p.initializer;
    const decl = ts.isVariableDeclarationList(list) ? list.declarations[0] : undefined;
    if (!decl) return 'escapes';
    if (ts.isIdentifier(decl.name)) return judge.follow(decl.name.text, p.statement, decl);
    return ts.isObjectBindingPattern(decl.name) ? patternUsage(decl.name, judge) : 'escapes';
  }
  return 'escapes';
}

/** Any use that reads the usage reads it; else any use this cannot follow lets it escape. */
function combine(uses: Usage[]): Usage {
  if (uses.includes('read')) return 'read';
  if (uses.some((u) => u === 'escapes' || u === 'unknown')) return 'escapes';
  return 'discarded';
}
