// A JavaScript copy of a tree-sitter tree, for the extractors to read.
//
// Every property read on a web-tree-sitter node crosses into WASM (the node is written into WASM memory, a function
// runs, a new JS object comes back), and tree-sitter keeps no parent pointers, so `.parent` re-walks from the root.
// On a 3,000-line file that was most of the time spent extracting facts. A mirror is read once per node with a cursor
// and then costs what any JS object costs. After an edit, the top-level statements the edit did not touch are taken
// over from the previous mirror with their offsets moved, so only the edited statements are read again.
//
// It offers the part of web-tree-sitter's Node API the Python front end uses, with the same answers (a test compares
// them node by node). The few structural queries the front end ran are matched in JS (extract/patterns.ts).
import type { Language, Tree as WasmTree, TreeCursor } from 'web-tree-sitter';

let nextId = 1;

/** One version of a file's tree. Nodes taken over from an earlier version are moved into the new one. */
export class MirrorTree {
  root!: MirrorNode;

  constructor(
    /** The text tree-sitter parsed. */
    readonly input: string,
    /** Node text for tree-sitter indices (a plain slice when they count UTF-16 units, as web-tree-sitter's do). */
    readonly slice: (start: number, end: number) => string,
  ) {}
}

const NO_CHILDREN: MirrorNode[] = [];

/**
 * What the nodes of one top-level statement share: their tree and how far they moved since they were read. Taking a
 * statement over into the next version updates its segment, not each node.
 */
class Segment {
  constructor(
    public tree: MirrorTree,
    public delta = 0,
  ) {}
}

export class MirrorNode {
  /** Unique across trees; kept when a later version takes the node over. */
  readonly id = nextId++;
  parent: MirrorNode | null = null;
  /** Position among the parent's children. */
  indexInParent = 0;
  children: MirrorNode[] = NO_CHILDREN;
  /**
   * The field each child fills (`function`, `arguments`, …), or null; null when no child has one. A child that fills
   * two fields through a hidden node (a `case_clause`: `body` and `alternative`) is known by the one a cursor reports.
   */
  fieldNames: Array<string | null> | null = null;
  hasError = false;
  private named: MirrorNode[] | null = null;
  private descendants: Map<string, readonly MirrorNode[]> | undefined;

  constructor(
    /** @internal */ public segment: Segment,
    readonly type: string,
    /** Indices when read; the segment's delta moves them. */
    private readonly start: number,
    private readonly end: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
  ) {}

  get tree(): MirrorTree {
    return this.segment.tree;
  }

  get startIndex(): number {
    return this.start + this.segment.delta;
  }

  get endIndex(): number {
    return this.end + this.segment.delta;
  }

  get text(): string {
    const d = this.segment.delta;
    return this.segment.tree.slice(this.start + d, this.end + d);
  }

  get namedChildren(): MirrorNode[] {
    if (this.named) return this.named;
    let all = true;
    for (const c of this.children) if (!c.isNamed) all = false;
    this.named = all ? this.children : this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): MirrorNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstChild(): MirrorNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): MirrorNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get firstNamedChild(): MirrorNode | null {
    return this.namedChildren[0] ?? null;
  }

  get lastNamedChild(): MirrorNode | null {
    const named = this.namedChildren;
    return named[named.length - 1] ?? null;
  }

  get nextSibling(): MirrorNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): MirrorNode | null {
    return this.parent?.children[this.indexInParent - 1] ?? null;
  }

  get nextNamedSibling(): MirrorNode | null {
    const siblings = this.parent?.children ?? NO_CHILDREN;
    for (let i = this.indexInParent + 1; i < siblings.length; i++) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  get previousNamedSibling(): MirrorNode | null {
    const siblings = this.parent?.children ?? NO_CHILDREN;
    for (let i = this.indexInParent - 1; i >= 0; i--) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  childForFieldName(name: string): MirrorNode | null {
    const fields = this.fieldNames;
    if (!fields) return null;
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) return this.children[i];
    return null;
  }

  childrenForFieldName(name: string): MirrorNode[] {
    const fields = this.fieldNames;
    if (!fields) return [];
    const out: MirrorNode[] = [];
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) out.push(this.children[i]);
    return out;
  }

  /**
   * Nodes of the given types in this subtree in document order, this node included (as web-tree-sitter answers).
   * Kept with the node: a subtree never changes, and a later version that takes it over asks again.
   */
  descendantsOfType(types: string | readonly string[]): readonly MirrorNode[] {
    const key = typeof types === 'string' ? types : types.join(' ');
    const cached = this.descendants?.get(key);
    if (cached) return cached;
    const out: MirrorNode[] = [];
    const one = typeof types === 'string' ? types : types.length === 1 ? types[0] : null;
    const stack: MirrorNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      if (one !== null ? n.type === one : types.includes(n.type)) out.push(n);
      const children = n.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    (this.descendants ??= new Map()).set(key, out);
    return out;
  }

  /** The smallest node spanning [start, end) (anonymous nodes included), as tree-sitter's descendant_for_byte_range. */
  descendantForIndex(start: number, end: number = start): MirrorNode {
    let node: MirrorNode = this;
    for (;;) {
      let next: MirrorNode | null = null;
      const children = node.children;
      // Children are in source order: skip by binary search to the first that ends at or after `end` (a module of
      // 27,000 functions would otherwise cost 27,000 steps per look-up), then test as before.
      let lo = 0;
      let hi = children.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (children[mid].endIndex < end) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < children.length; i++) {
        const c = children[i];
        const cEnd = c.endIndex;
        if (cEnd < end) continue;
        const empty = c.startIndex === cEnd;
        if (empty ? cEnd < start : cEnd <= start) continue;
        if (start < c.startIndex) break;
        next = c;
        break;
      }
      if (!next) return node;
      node = next;
    }
  }

  walk(): MirrorCursor {
    return new MirrorCursor(this);
  }
}

/** The part of tree-sitter's TreeCursor the front end uses, over a mirror. */
export class MirrorCursor {
  private readonly stack: MirrorNode[];

  constructor(start: MirrorNode) {
    this.stack = [start];
  }

  get currentNode(): MirrorNode {
    return this.stack[this.stack.length - 1];
  }

  get nodeType(): string {
    return this.currentNode.type;
  }

  get nodeIsMissing(): boolean {
    return this.currentNode.isMissing;
  }

  get startIndex(): number {
    return this.currentNode.startIndex;
  }

  get endIndex(): number {
    return this.currentNode.endIndex;
  }

  gotoFirstChild(): boolean {
    const first = this.currentNode.children[0];
    if (!first) return false;
    this.stack.push(first);
    return true;
  }

  /** The first child that ends after `index` (children are sorted by end: a module has hundreds). */
  gotoFirstChildForIndex(index: number): boolean {
    const children = this.currentNode.children;
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].endIndex > index) hi = mid;
      else lo = mid + 1;
    }
    if (lo === children.length) return false;
    this.stack.push(children[lo]);
    return true;
  }

  gotoNextSibling(): boolean {
    if (this.stack.length < 2) return false;
    const next = this.currentNode.nextSibling;
    if (!next) return false;
    this.stack[this.stack.length - 1] = next;
    return true;
  }

  gotoParent(): boolean {
    if (this.stack.length < 2) return false;
    this.stack.pop();
    return true;
  }

  delete(): void {
    this.stack.length = 0;
  }
}

// ---------------------------------------------------------------------------
// Building mirrors.

interface Symbols {
  types: string[];
  named: boolean[];
  fields: Array<string | null>;
}

const symbolsByLanguage = new WeakMap<Language, Symbols>();

function symbolsOf(language: Language): Symbols {
  let s = symbolsByLanguage.get(language);
  if (!s) {
    const types = language.types.map((t) => t || 'ERROR');
    s = { types, named: types.map((_, id) => language.nodeTypeIsNamed(id)), fields: language.fields };
    symbolsByLanguage.set(language, s);
  }
  return s;
}

/** Reads the subtree at the cursor's node into mirror nodes (the cursor ends where it started). */
function readSubtree(cursor: TreeCursor, segment: Segment, symbols: Symbols, mayHaveErrors: boolean): MirrorNode {
  const read = (): MirrorNode => {
    const typeId = cursor.nodeTypeId;
    const type = typeId === 0xffff ? 'ERROR' : (symbols.types[typeId] ?? 'ERROR');
    const named = typeId === 0xffff ? true : (symbols.named[typeId] ?? true);
    const missing = mayHaveErrors ? cursor.nodeIsMissing : false;
    return new MirrorNode(segment, type, cursor.startIndex, cursor.endIndex, named, missing);
  };
  const top = read();
  // Depth-first with an explicit stack of parents: deep expressions must not overflow the JS stack.
  const parents: MirrorNode[] = [top];
  const parentFields: Array<Array<string | null>> = [[]];
  const parentChildren: MirrorNode[][] = [[]];
  if (!cursor.gotoFirstChild()) return finish(top, [], []);
  for (;;) {
    const node = read();
    const fieldId = cursor.currentFieldId;
    parentChildren[parentChildren.length - 1].push(node);
    parentFields[parentFields.length - 1].push(fieldId ? (symbols.fields[fieldId] ?? null) : null);
    if (cursor.gotoFirstChild()) {
      parents.push(node);
      parentChildren.push([]);
      parentFields.push([]);
      continue;
    }
    finish(node, [], []);
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const done = parents.pop()!;
      finish(done, parentChildren.pop()!, parentFields.pop()!);
      if (parents.length === 0) return top;
    }
  }

  function finish(node: MirrorNode, children: MirrorNode[], fields: Array<string | null>): MirrorNode {
    let hasError = node.type === 'ERROR' || node.isMissing;
    if (children.length) {
      node.children = children;
      if (fields.some((f) => f !== null)) node.fieldNames = fields;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        c.parent = node;
        c.indexInParent = i;
        if (c.hasError) hasError = true;
      }
    }
    node.hasError = hasError;
    return node;
  }
}

/** Moves a top-level statement taken over from an earlier version into `tree`, shifted by `delta`. */
function adopt(node: MirrorNode, tree: MirrorTree, delta: number): void {
  node.segment.tree = tree;
  node.segment.delta += delta;
}

/** Gives a subtree its own segment (nodes are read with their parent's). */
function resegment(node: MirrorNode, segment: Segment): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    n.segment = segment;
    for (const c of n.children) stack.push(c);
  }
}

/** Where two versions of a text differ, in UTF-16 offsets: start, end in the old text, end in the new text. */
export interface ChangedRange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The mirror of `wasm` (parsed from `input`). With `previous` (the mirror of the same file's previous version, which
 * this call takes over and invalidates, and the range of the input that changed since: start, old end and new end),
 * top-level statements wholly before or after the changed range are reused.
 */
export function buildMirror(
  wasm: WasmTree,
  input: string,
  language: Language,
  slice: (start: number, end: number) => string,
  previous: { mirror: MirrorTree; changed: ChangedRange } | null,
): MirrorTree {
  const tree = new MirrorTree(input, slice);
  const symbols = symbolsOf(language);
  const cursor = wasm.walk();
  try {
    const mayHaveErrors = wasm.rootNode.hasError;
    if (!previous) {
      // One segment per top-level statement, so that the next version can take statements over one by one.
      const root = readSubtree(cursor, new Segment(tree), symbols, mayHaveErrors);
      for (const c of root.children) resegment(c, new Segment(tree));
      tree.root = root;
      return tree;
    }
    const { start: editStart, oldEnd: oldEditEnd, newEnd: newEditEnd } = previous.changed;
    const delta = newEditEnd - oldEditEnd;
    const old = previous.mirror.root.children;
    const root = new MirrorNode(new Segment(tree), symbols.types[cursor.nodeTypeId] ?? 'ERROR', cursor.startIndex, cursor.endIndex, true, false);
    const children: MirrorNode[] = [];
    const fields: Array<string | null> = [];
    let k = 0;
    if (cursor.gotoFirstChild()) {
      do {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        let reused: MirrorNode | null = null;
        // Text wholly outside the edited range is the same text; at module level it parses to the same subtree, unless
        // error recovery is involved.
        const before = end < editStart;
        const after = start > newEditEnd;
        if (before || after) {
          const oldStart = after ? start - delta : start;
          while (k < old.length && old[k].startIndex < oldStart) k++;
          const candidate = old[k];
          if (
            candidate &&
            candidate.startIndex === oldStart &&
            candidate.endIndex === (after ? end - delta : end) &&
            !candidate.hasError &&
            candidate.type === (symbols.types[cursor.nodeTypeId] ?? 'ERROR') &&
            (!mayHaveErrors || !cursor.currentNode.hasError)
          ) {
            reused = candidate;
            adopt(reused, tree, after ? delta : 0);
            // Adopted, it now reads at its new place, which may be where the next old statement was: never match it again.
            k++;
          }
        }
        const node = reused ?? readSubtree(cursor, new Segment(tree), symbols, mayHaveErrors);
        const fieldId = cursor.currentFieldId;
        children.push(node);
        fields.push(fieldId ? (symbols.fields[fieldId] ?? null) : null);
      } while (cursor.gotoNextSibling());
    }
    let hasError = mayHaveErrors && root.type === 'ERROR';
    root.children = children;
    if (fields.some((f) => f !== null)) root.fieldNames = fields;
    children.forEach((c, i) => {
      c.parent = root;
      c.indexInParent = i;
      if (c.hasError) hasError = true;
    });
    root.hasError = hasError;
    tree.root = root;
    return tree;
  } finally {
    cursor.delete();
  }
}
