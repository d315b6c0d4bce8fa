// Structural patterns over mirror nodes, matched in JS: the local bindings of a function, `self.x = …` in a class, and
// the calls and callbacks of a module. They answer what the tree-sitter queries below answered, in the same order (a
// test runs both on every fixture), without crossing into WASM for each function.
//
//   LOCALS       (assignment left: (identifier) @lhs right: (_) @rhs) @assign
//                (augmented_assignment left: (identifier) @aug) @augmented
//                (for_statement left: (identifier) @for) @loop
//                (with_item value: (as_pattern (_) @ctx alias: (as_pattern_target (identifier) @as))) @with
//                (named_expression name: (identifier) @walrus value: (_) @wvalue) @named
//                (assignment left: [(pattern_list (identifier) @unpacked) (tuple_pattern (identifier) @unpacked)] right: (_) @urhs) @unpack
//   SELF_ASSIGN  (assignment left: (attribute object: (identifier) @obj attribute: (identifier) @attr) right: (_) @rhs) @assign
//   CALLS        (call function: (identifier) @id) @call
//                (call function: (attribute object: (_) @obj attribute: (identifier) @attr)) @call
//                (call arguments: (argument_list (identifier) @callback))
//                (keyword_argument value: (identifier) @callback)
import type { Node } from './syntax';

export interface Capture {
  name: string;
  node: Node;
}

export interface Match {
  captures: Capture[];
}

/** Finds the matches rooted at one node; each is delivered when the walk reaches its last node (`completion`). */
type Pattern = (n: Node, found: (completion: Node, captures: Capture[]) => void) => void;

/**
 * Matches of `patterns` in `root`'s subtree, in the order a tree-sitter query cursor gives them: a match is complete
 * when the pre-order walk reaches its last node, and matches come out as they complete.
 */
function matchAll(root: Node, patterns: Pattern[]): Match[] {
  const out: Match[] = [];
  const pending = new Map<Node, Match[]>();
  const found = (completion: Node, captures: Capture[]): void => {
    const list = pending.get(completion);
    if (list) list.push({ captures });
    else pending.set(completion, [{ captures }]);
  };
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (pending.size) {
      const done = pending.get(n);
      if (done) {
        out.push(...done);
        pending.delete(n);
      }
    }
    for (const p of patterns) p(n, found);
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

const assignment: Pattern = (n, found) => {
  if (n.type !== 'assignment') return;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (left?.type === 'identifier' && right?.isNamed) found(right, [{ name: 'assign', node: n }, { name: 'lhs', node: left }, { name: 'rhs', node: right }]);
};

/** `client, model = resolve(...)`: one match per name the tuple binds. */
const unpacking: Pattern = (n, found) => {
  if (n.type !== 'assignment') return;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if ((left?.type !== 'pattern_list' && left?.type !== 'tuple_pattern') || !right?.isNamed) return;
  for (const id of left.namedChildren) {
    if (id.type === 'identifier') found(right, [{ name: 'unpack', node: n }, { name: 'unpacked', node: id }, { name: 'urhs', node: right }]);
  }
};

const augmented: Pattern = (n, found) => {
  if (n.type !== 'augmented_assignment') return;
  const left = n.childForFieldName('left');
  if (left?.type === 'identifier') found(left, [{ name: 'augmented', node: n }, { name: 'aug', node: left }]);
};

const forLoop: Pattern = (n, found) => {
  if (n.type !== 'for_statement') return;
  const left = n.childForFieldName('left');
  if (left?.type === 'identifier') found(left, [{ name: 'loop', node: n }, { name: 'for', node: left }]);
};

const withAs: Pattern = (n, found) => {
  if (n.type !== 'with_item') return;
  const value = n.childForFieldName('value');
  if (value?.type !== 'as_pattern') return;
  const alias = value.childForFieldName('alias');
  if (alias?.type !== 'as_pattern_target') return;
  const ctx = value.namedChildren.find((c) => c !== alias && c.startIndex < alias.startIndex);
  const id = alias.namedChildren.find((c) => c.type === 'identifier');
  if (ctx && id) found(id, [{ name: 'with', node: n }, { name: 'ctx', node: ctx }, { name: 'as', node: id }]);
};

const walrus: Pattern = (n, found) => {
  if (n.type !== 'named_expression') return;
  const name = n.childForFieldName('name');
  const value = n.childForFieldName('value');
  if (name?.type === 'identifier' && value?.isNamed) found(value, [{ name: 'named', node: n }, { name: 'walrus', node: name }, { name: 'wvalue', node: value }]);
};

const selfAssign: Pattern = (n, found) => {
  if (n.type !== 'assignment') return;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (left?.type !== 'attribute' || !right?.isNamed) return;
  const obj = left.childForFieldName('object');
  const attr = left.childForFieldName('attribute');
  if (obj?.type === 'identifier' && attr?.type === 'identifier') {
    found(right, [{ name: 'assign', node: n }, { name: 'obj', node: obj }, { name: 'attr', node: attr }, { name: 'rhs', node: right }]);
  }
};

const call: Pattern = (n, found) => {
  if (n.type === 'keyword_argument') {
    const value = n.childForFieldName('value');
    if (value?.type === 'identifier') found(value, [{ name: 'callback', node: value }]);
    return;
  }
  if (n.type !== 'call') return;
  const fn = n.childForFieldName('function');
  if (fn?.type === 'identifier') found(fn, [{ name: 'call', node: n }, { name: 'id', node: fn }]);
  else if (fn?.type === 'attribute') {
    const obj = fn.childForFieldName('object');
    const attr = fn.childForFieldName('attribute');
    if (obj?.isNamed && attr?.type === 'identifier') found(attr, [{ name: 'call', node: n }, { name: 'obj', node: obj }, { name: 'attr', node: attr }]);
  }
  const args = n.childForFieldName('arguments');
  if (args?.type === 'argument_list') {
    for (const c of args.namedChildren) if (c.type === 'identifier') found(c, [{ name: 'callback', node: c }]);
  }
};

/**
 * Matches hold only nodes, and a subtree a later version takes over keeps its nodes: answers are kept per subtree, so
 * an edit in one function does not re-match the others.
 */
function perSubtree(patterns: Pattern[]): (root: Node) => readonly Match[] {
  const answers = new WeakMap<Node, readonly Match[]>();
  return (root) => {
    let m = answers.get(root);
    if (!m) answers.set(root, (m = matchAll(root, patterns)));
    return m;
  };
}

/** Names bound in a function body: assignments, tuple unpacking, augmented assignments, `for` targets, `with … as`, walruses. */
export const localBindingMatches = perSubtree([assignment, unpacking, augmented, forLoop, withAs, walrus]);

/** `obj.attr = value` assignments (the `self.client = …` of methods). */
export const attributeAssignmentMatches = perSubtree([selfAssign]);

/** Calls by name or attribute, and identifiers passed as arguments (callbacks). */
export function callMatches(root: Node): Match[] {
  return matchAll(root, [call]);
}
