// Small helpers over tree-sitter-python nodes (their JS mirror: see mirror.ts).
import type { MirrorNode } from '../mirror';

export type Node = MirrorNode;

/** Strips parentheses and `await`. */
export function unwrap(n: Node): Node {
  let e = n;
  for (;;) {
    if (e.type === 'parenthesized_expression' || e.type === 'await') {
      const inner = e.namedChildren.find((c) => c.type !== 'comment');
      if (!inner) return e;
      e = inner;
    } else return e;
  }
}

/** `a.b.c` → root `a` and names ['b','c']; a non-attribute expression is its own root. */
export function attributeChain(n: Node): { root: Node; names: string[]; nodes: Node[] } {
  const names: string[] = [];
  const nodes: Node[] = [];
  let e = n;
  while (e.type === 'attribute') {
    const attr = e.childForFieldName('attribute');
    const obj = e.childForFieldName('object');
    if (!attr || !obj) break;
    names.unshift(attr.text);
    nodes.unshift(e);
    e = obj;
  }
  return { root: e, names, nodes };
}

/** The dotted text of an identifier/attribute chain (`openai.OpenAI`), or null for anything else. */
export function dottedName(n: Node): string | null {
  const { root, names } = attributeChain(n);
  if (root.type !== 'identifier') return null;
  return [root.text, ...names].join('.');
}

/** The last name of an identifier or attribute (`start_span` of `tracer.start_span`), or '' for anything else. */
export function lastName(n: Node | null): string {
  if (!n) return '';
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? '';
  return n.type === 'identifier' ? n.text : '';
}

export interface KeywordArg {
  name: string;
  nameNode: Node;
  value: Node;
  node: Node;
}

/** The keyword arguments, positional arguments and splats of an argument list. */
export function callArguments(args: Node | null): { keywords: KeywordArg[]; positional: Node[]; listSplats: Node[]; dictSplats: Node[] } {
  const out = { keywords: [] as KeywordArg[], positional: [] as Node[], listSplats: [] as Node[], dictSplats: [] as Node[] };
  if (!args) return out;
  if (args.type === 'generator_expression') {
    out.positional.push(args);
    return out;
  }
  for (const c of args.namedChildren) {
    switch (c.type) {
      case 'keyword_argument': {
        const nameNode = c.childForFieldName('name');
        const value = c.childForFieldName('value');
        if (nameNode && value) out.keywords.push({ name: nameNode.text, nameNode, value, node: c });
        break;
      }
      case 'list_splat':
        out.listSplats.push(c);
        break;
      case 'dictionary_splat':
        out.dictSplats.push(c);
        break;
      case 'comment':
        break;
      default:
        out.positional.push(c);
    }
  }
  return out;
}

/** A keyword argument's value by name. */
export function keyword(args: Node | null, name: string): Node | null {
  if (!args) return null;
  return keywordsOf(args).get(name) ?? null;
}

/**
 * A per-node answer computed once and kept with the node's tree (so it never outlives that tree's nodes). For
 * answers asked of the same node many times: every property read on a node crosses into WASM. `context` must be the
 * same for all nodes of a tree (the file they come from).
 */
export function nodeMemo<T, C = void>(compute: (node: Node, context: C) => T): (node: Node, context: C) => T {
  const byTree = new WeakMap<object, Map<number, T>>();
  return (node, context) => {
    let perTree = byTree.get(node.tree);
    if (!perTree) byTree.set(node.tree, (perTree = new Map()));
    if (perTree.has(node.id)) return perTree.get(node.id)!;
    const value = compute(node, context);
    perTree.set(node.id, value);
    return value;
  };
}

/** Keyword arguments by name (the first of a repeated name): rules and extractors ask one call for a dozen. */
const keywordsOf = nodeMemo((args: Node) => {
  const out = new Map<string, Node | null>();
  for (const c of args.namedChildren) {
    if (c.type !== 'keyword_argument') continue;
    const key = c.childForFieldName('name')?.text;
    if (key !== undefined && !out.has(key)) out.set(key, c.childForFieldName('value'));
  }
  return out;
});

/** The n-th positional argument. */
export function positional(args: Node | null, index: number): Node | null {
  if (!args) return null;
  let i = 0;
  for (const c of args.namedChildren) {
    if (c.type === 'keyword_argument' || c.type === 'comment' || c.type === 'list_splat' || c.type === 'dictionary_splat') continue;
    if (i++ === index) return c;
  }
  return null;
}

/** The nearest enclosing `def` (lambdas are transparent). */
export function enclosingFunction(n: Node): Node | null {
  let p = n.parent;
  while (p) {
    if (p.type === 'function_definition') return p;
    p = p.parent;
  }
  return null;
}

/** The statement containing `n` directly in a block or the module. */
export function enclosingStatement(n: Node): Node {
  let e = n;
  for (let p = e.parent; p; p = p.parent) {
    if (p.type === 'block' || p.type === 'module') return e;
    e = p;
  }
  return e;
}

/** A definition together with its decorators (`decorated_definition` when decorated). */
export function withDecorators(def: Node): Node {
  const p = def.parent;
  return p && p.type === 'decorated_definition' ? p : def;
}

/** The name a decorator ends in: `lru_cache` for `@functools.lru_cache(maxsize=1)`, `cache_data` for `@st.cache_data`. */
export function decoratorName(d: Node): string | null {
  const e = unwrap(d);
  const callee = e.type === 'call' ? e.childForFieldName('function') : e;
  return (callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text) ?? null;
}

/** The decorator expressions of a function or class definition (without the `@`). */
export function decoratorsOf(def: Node): Node[] {
  const p = def.parent;
  if (!p || p.type !== 'decorated_definition') return [];
  const out: Node[] = [];
  for (const c of p.namedChildren) {
    if (c.type === 'decorator') {
      const e = c.namedChildren.find((x) => x.type !== 'comment');
      if (e) out.push(e);
    }
  }
  return out;
}

/** Parameter names of a function, in order (without `*`/`**` markers). */
export function parameterNames(fn: Node): string[] {
  return parameterList(fn).map((p) => p.id.text);
}

export interface Parameter {
  id: Node;
  /** A positional argument can fill it: false after `*`, `*args` or `**kwargs`. */
  positional: boolean;
  default: Node | null;
}

const NAMED_PARAMETER = new Set(['typed_parameter', 'default_parameter', 'typed_default_parameter']);

/** A def's named parameters in order (`*args` and `**kwargs` themselves left out). */
export function parameterList(fn: Node): Parameter[] {
  const out: Parameter[] = [];
  let positional = true;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') {
      positional = false;
      continue;
    }
    const id = p.type === 'identifier' ? p : NAMED_PARAMETER.has(p.type) ? (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier')) : null;
    if (id?.type !== 'identifier') continue;
    out.push({ id, positional, default: p.type === 'identifier' ? null : p.childForFieldName('value') });
  }
  return out;
}

/** True when `inner` lies within `outer` (by index). */
export function within(inner: { startIndex: number; endIndex: number }, outer: { startIndex: number; endIndex: number }): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The arms of an `if` statement in order (its consequence, each `elif`'s, the `else` body), and whether it has an `else`. */
export function ifArms(stmt: Node): { arms: Array<Node | null>; hasElse: boolean } {
  const arms = [stmt.childForFieldName('consequence')];
  let hasElse = false;
  for (const c of stmt.namedChildren) {
    if (c.type === 'elif_clause') arms.push(c.childForFieldName('consequence'));
    else if (c.type === 'else_clause') {
      arms.push(c.childForFieldName('body'));
      hasElse = true;
    }
  }
  return { arms, hasElse };
}

/** The calls of a scope's own code, in source order, outside the functions, lambdas and classes defined in it. */
export function ownCalls(scope: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (c.type === 'call') out.push(c);
      walk(c);
    }
  };
  walk(scope);
  return out;
}
