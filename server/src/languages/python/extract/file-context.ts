import type { Span } from '../../../core/types';
import type { OffsetMap } from '../offsets';
import { importBindings, type ImportBinding } from './imports';
import { decoratorName, decoratorsOf, parameterNames, type Node } from './syntax';
import type { WorkspaceIndex } from './workspace-index';
import { attributeAssignmentMatches, localBindingMatches } from './patterns';

/**
 * Whether a function's body yields, by its node. The next version of the file takes over the nodes of every top-level
 * statement an edit did not touch, subtree and all, so the answer holds across edits and is read once per function.
 */
const generatorByNode = new WeakMap<Node, boolean>();

/** A `def`, with where it sits. Parameters and decorators are read on first use (most functions never need them). */
export class FnInfo {
  private paramsCache: string[] | null = null;
  private decoratorsCache: Node[] | null = null;
  /** Functions defined directly in this one, by name. */
  readonly nested = new Map<string, FnInfo>();

  constructor(
    readonly node: Node,
    readonly name: string,
    /** `handler`, `Service.reply`, `outer.inner`. */
    readonly qualName: string,
    readonly start: number,
    readonly end: number,
    readonly cls: ClassInfo | null,
    readonly parent: FnInfo | null,
  ) {}

  get params(): string[] {
    return (this.paramsCache ??= parameterNames(this.node));
  }

  get decorators(): Node[] {
    return (this.decoratorsCache ??= decoratorsOf(this.node));
  }

  /** This function or one it is nested in carries a decorator whose name matches (`@lru_cache`, `@st.cache_data(ttl=600)`). */
  decoratedWith(name: RegExp): boolean {
    for (let f: FnInfo | null = this; f; f = f.parent) {
      for (const d of f.decorators) {
        const n = decoratorName(d);
        if (n && name.test(n)) return true;
      }
    }
    return false;
  }

  get isAsync(): boolean {
    return this.node.child(0)?.type === 'async';
  }

  /** The body yields (not in a nested function or class): calling it only makes a generator, running none of it. */
  get isGenerator(): boolean {
    let yields = generatorByNode.get(this.node);
    if (yields === undefined) {
      yields = this.yields();
      generatorByNode.set(this.node, yields);
    }
    return yields;
  }

  private yields(): boolean {
    const yields = (n: Node): boolean => {
      for (const c of n.namedChildren) {
        if (c.type === 'yield') return true;
        if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda' || c.type === 'decorated_definition') continue;
        if (yields(c)) return true;
      }
      return false;
    };
    const body = this.node.childForFieldName('body');
    return !!body && yields(body);
  }
}

export interface ClassInfo {
  node: Node;
  name: string;
  qualName: string;
  start: number;
  end: number;
  bases: Node[];
  parent: FnInfo | ClassInfo | null;
  methods: FnInfo[];
}

/** A name bound inside a function: an assignment's value, a `with … as` target, a loop variable. */
export interface LocalBinding {
  /** Index where the binding happens (its statement's start). */
  at: number;
  /** The assigned expression; null when the value cannot be read (loop targets, `+=`, tuple unpacking). */
  value: Node | null;
  kind: 'assign' | 'with' | 'for' | 'augmented' | 'unpack';
  /** Tuple unpacking (`client, model = resolve(...)`): the unpacked expression and the name's position in the tuple. */
  unpacked?: { from: Node; index: number };
}

// Definitions and imports start a line (after indentation); the tree confirms each text match.
const DEFINITION = /^[ \t]*(?:async[ \t]+)?(def|class)[ \t]+[A-Za-z_\u0080-\uffff]/gm;
const IMPORT = /(?:^|;)[ \t]*(from|import)[ \t\\(]/gm;
const GLOBAL = /^[ \t]*(global)[ \t]/gm;

const WHOLE = new Set(['assign', 'augmented', 'loop', 'with', 'named', 'unpack']);

/** One parsed Python module with the lookups the extractors share. Valid only while its tree is alive. */
export class PyFile {
  readonly imports = new Map<string, ImportBinding>();
  readonly wildcardImports: ImportBinding[] = [];
  readonly importStatements: Node[] = [];
  /** Sorted by start. */
  readonly functions: FnInfo[] = [];
  readonly classes: ClassInfo[] = [];
  private assigns: Map<string, Node[]> | null = null;
  private words: Map<string, number[]> | null = null;
  /** Resolutions of module-level names (filled by resolve.ts). */
  readonly moduleNames = new Map<string, import('./resolve').Resolved>();
  private readonly globals: Node[] = [];
  readonly moduleDefs = new Map<string, FnInfo | ClassInfo>();
  private readonly locals = new Map<FnInfo, Map<string, LocalBinding[]>>();
  private readonly selfAttrs = new Map<ClassInfo, Map<string, Array<{ value: Node; fn: FnInfo | null }>>>();
  private readonly globalsByFn = new Map<FnInfo, Set<string>>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly root: Node,
    readonly offsets: OffsetMap,
    readonly index: WorkspaceIndex,
  ) {
    this.indexStructure();
  }

  span(n: { startIndex: number; endIndex: number }): Span {
    return this.offsets.span(n);
  }

  /** Source text of a node (through the offset map, so it is right for any index unit). */
  src(n: { startIndex: number; endIndex: number }): string {
    const s = this.span(n);
    return this.text.slice(s.start, s.end);
  }

  /** The node of the given types that a keyword found by a text search belongs to. */
  private keywordNode(index: number, keyword: string, types: string[]): Node | null {
    const at = this.offsets.fromUtf16(index);
    const kw = this.root.descendantForIndex(at, at + keyword.length);
    const p = kw?.type === keyword ? kw.parent : null;
    return p && types.includes(p.type) ? p : null;
  }

  private indexStructure(): void {
    const text = this.text;
    for (const m of text.matchAll(IMPORT)) {
      const n = this.keywordNode(m.index + m[0].lastIndexOf(m[1]), m[1], ['import_statement', 'import_from_statement']);
      if (!n) continue;
      this.importStatements.push(n);
      for (const b of importBindings(n, (x) => this.span(x))) {
        if (b.local === '*') this.wildcardImports.push(b);
        else if (!this.imports.has(b.local) || n.parent?.type === 'module') this.imports.set(b.local, b);
      }
    }
    const containers: Array<FnInfo | ClassInfo> = [];
    for (const m of text.matchAll(DEFINITION)) {
      const kind = m[1];
      const n = this.keywordNode(m.index + m[0].lastIndexOf(kind), kind, [kind === 'def' ? 'function_definition' : 'class_definition']);
      if (!n) continue;
      const name = n.childForFieldName('name')?.text ?? '';
      const start = n.startIndex;
      const end = n.endIndex;
      while (containers.length && containers[containers.length - 1].end <= start) containers.pop();
      const parent = containers[containers.length - 1] ?? null;
      const prefix = parent ? `${parent.qualName}.` : '';
      if (kind === 'def') {
        const fnParent = parent instanceof FnInfo ? parent : parent ? enclosingFn(parent) : null;
        const cls = parent && !(parent instanceof FnInfo) ? parent : null;
        const fn = new FnInfo(n, name, prefix + name, start, end, cls, fnParent);
        this.functions.push(fn);
        if (cls) cls.methods.push(fn);
        else if (parent instanceof FnInfo && !parent.nested.has(name)) parent.nested.set(name, fn);
        containers.push(fn);
        if (!parent && !this.moduleDefs.has(name)) this.moduleDefs.set(name, fn);
      } else {
        const cls: ClassInfo = { node: n, name, qualName: prefix + name, start, end, bases: [], parent, methods: [] };
        const sup = n.childForFieldName('superclasses');
        if (sup) cls.bases = sup.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment');
        this.classes.push(cls);
        containers.push(cls);
        if (!parent && !this.moduleDefs.has(name)) this.moduleDefs.set(name, cls);
      }
    }
    for (const m of text.matchAll(GLOBAL)) {
      const g = this.keywordNode(m.index + m[0].lastIndexOf('global'), 'global', ['global_statement']);
      if (g) this.globals.push(g);
    }
  }

  /** Module-level assignments (and `global` assignments inside functions), values in source order. Built on first use. */
  get moduleAssigns(): Map<string, Node[]> {
    if (this.assigns) return this.assigns;
    this.assigns = new Map();
    this.collectModuleAssigns(this.root);
    for (const g of this.globals) {
      const fn = this.functionAt(g.startIndex);
      if (!fn) continue;
      const names = new Set(g.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text));
      this.globalsByFn.set(fn, new Set([...(this.globalsByFn.get(fn) ?? []), ...names]));
      for (const [name, bindings] of this.bindingsIn(fn, true)) {
        if (!names.has(name)) continue;
        for (const b of bindings) if (b.value) this.pushAssign(name, b.value);
      }
    }
    return this.assigns;
  }

  private pushAssign(name: string, value: Node): void {
    const list = this.assigns!.get(name);
    if (list) list.push(value);
    else this.assigns!.set(name, [value]);
  }

  /** Module-level statements, including those inside module-level if/try/with blocks. */
  private collectModuleAssigns(block: Node): void {
    for (const stmt of block.namedChildren) {
      switch (stmt.type) {
        case 'expression_statement': {
          const a = stmt.firstNamedChild;
          if (a?.type !== 'assignment') break;
          const left = a.childForFieldName('left');
          let right = a.childForFieldName('right');
          // a = b = OpenAI()
          while (right?.type === 'assignment') right = right.childForFieldName('right');
          if (left?.type === 'identifier' && right) this.pushAssign(left.text, right);
          break;
        }
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
        case 'else_clause':
        case 'elif_clause':
        case 'except_clause':
        case 'finally_clause':
        case 'block':
          this.collectModuleAssigns(stmt);
          break;
        default:
          break;
      }
    }
  }

  /** The innermost `def` containing an index. */
  functionAt(index: number): FnInfo | null {
    let lo = 0;
    let hi = this.functions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.functions[mid].start <= index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0; i--) {
      const f = this.functions[i];
      if (f.start <= index && index < f.end) return f;
    }
    return null;
  }

  /** The innermost class containing an index. */
  classAt(index: number): ClassInfo | null {
    let best: ClassInfo | null = null;
    let lo = 0;
    let hi = this.classes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.classes[mid].start <= index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0 && !best; i--) {
      const c = this.classes[i];
      if (c.start <= index && index < c.end) best = c;
    }
    return best;
  }

  /** Where each identifier-like word occurs (UTF-16 offsets), built once on first use. Hits still need the tree's word. */
  occurrences(name: string): number[] {
    this.words ??= wordIndex(this.text);
    return this.words.get(name) ?? [];
  }

  /** The function with exactly this node. */
  functionOf(node: Node): FnInfo | null {
    const f = this.functionAt(node.startIndex);
    for (let x = f; x; x = x.parent) if (x.start === node.startIndex && x.end === node.endIndex) return x;
    return null;
  }

  /** Names declared `global` in a function. */
  globalsOf(fn: FnInfo): Set<string> {
    if (this.globals.length && !this.assigns) void this.moduleAssigns;
    return this.globalsByFn.get(fn) ?? EMPTY;
  }

  /**
   * The value of the one binding a name has in the function using it, when that binding is a plain assignment before
   * the use (`params = {...}` then `**params`; `system = f"..."` then `"content": system`).
   */
  soleAssignment(id: Node): Node | null {
    const fn = this.functionAt(id.startIndex);
    const bindings = fn ? this.bindingsIn(fn).get(id.text) : undefined;
    if (bindings?.length !== 1) return null;
    const [b] = bindings;
    return b.kind === 'assign' && b.at < id.startIndex ? b.value : null;
  }

  /** The value a plain name was last bound to before `at` (in the enclosing functions, else its only module assignment). */
  boundValue(name: string, at: number): Node | null {
    for (let fn = this.functionAt(at); fn; fn = fn.parent) {
      if (this.globalsOf(fn).has(name)) break;
      const bindings = this.bindingsIn(fn).get(name);
      if (bindings?.length) {
        const before = bindings.filter((b) => b.at < at && !(b.value && b.value.startIndex <= at && at < b.value.endIndex));
        return before.length ? (before[before.length - 1].value ?? null) : null;
      }
      if (fn.params.includes(name)) return null;
    }
    const assigns = this.moduleAssigns.get(name);
    return assigns?.length === 1 ? assigns[0] : null;
  }

  /** Names bound inside a function body (not in nested functions), in source order. */
  bindingsIn(fn: FnInfo, includeNested = false): Map<string, LocalBinding[]> {
    const cached = includeNested ? undefined : this.locals.get(fn);
    if (cached) return cached;
    const out = new Map<string, LocalBinding[]>();
    const add = (name: string, b: LocalBinding) => {
      const list = out.get(name);
      if (list) list.push(b);
      else out.set(name, [b]);
    };
    const body = fn.node.childForFieldName('body');
    if (body) {
      for (const m of localBindingMatches(body)) {
        const whole = m.captures.find((c) => WHOLE.has(c.name))?.node;
        const anchor = m.captures.find((c) => ['lhs', 'aug', 'for', 'as', 'walrus', 'unpacked'].includes(c.name));
        if (!anchor || !whole) continue;
        if (!includeNested && this.functionAt(anchor.node.startIndex) !== fn) continue;
        if (anchor.name === 'unpacked') {
          const from = m.captures.find((c) => c.name === 'urhs')!.node;
          const names = anchor.node.parent!.namedChildren;
          // After a starred name (`first, *rest, last = …`) positions no longer match the tuple's.
          const splat = names.findIndex((c) => c.type === 'list_splat_pattern');
          const index = names.indexOf(anchor.node);
          add(anchor.node.text, { at: whole.startIndex, value: null, kind: 'unpack', ...(splat < 0 || index < splat ? { unpacked: { from, index } } : {}) });
          continue;
        }
        const value = m.captures.find((c) => c.name === 'rhs' || c.name === 'ctx' || c.name === 'wvalue')?.node ?? null;
        const kind = anchor.name === 'for' ? 'for' : anchor.name === 'aug' ? 'augmented' : anchor.name === 'as' ? 'with' : 'assign';
        add(anchor.node.text, { at: whole.startIndex, value: kind === 'for' || kind === 'augmented' ? null : value, kind });
      }
    }
    if (!includeNested) this.locals.set(fn, out);
    return out;
  }

  /** `self.x = …` in the class's methods and `x = …` in its body, by attribute name. */
  classAttributes(cls: ClassInfo): Map<string, Array<{ value: Node; fn: FnInfo | null }>> {
    const cached = this.selfAttrs.get(cls);
    if (cached) return cached;
    const out = new Map<string, Array<{ value: Node; fn: FnInfo | null }>>();
    const add = (name: string, value: Node, fn: FnInfo | null) => {
      const list = out.get(name);
      if (list) list.push({ value, fn });
      else out.set(name, [{ value, fn }]);
    };
    const body = cls.node.childForFieldName('body');
    if (body) {
      for (const stmt of body.namedChildren) {
        if (stmt.type !== 'expression_statement') continue;
        const a = stmt.firstNamedChild;
        if (a?.type !== 'assignment') continue;
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type === 'identifier' && right) add(left.text, right, null);
      }
      for (const m of attributeAssignmentMatches(body)) {
        const obj = m.captures.find((c) => c.name === 'obj')!.node;
        const fn = this.functionAt(obj.startIndex);
        if (!fn || fn.cls !== cls || fn.params[0] !== obj.text) continue;
        add(m.captures.find((c) => c.name === 'attr')!.node.text, m.captures.find((c) => c.name === 'rhs')!.node, fn);
      }
    }
    this.selfAttrs.set(cls, out);
    return out;
  }

  /** A class defined in this file by qualified name. */
  functionNamed(qualName: string): FnInfo | undefined {
    return this.functions.find((f) => f.qualName === qualName);
  }

  classNamed(qualName: string): ClassInfo | undefined {
    return this.classes.find((c) => c.qualName === qualName);
  }
}

const EMPTY = new Set<string>();

function enclosingFn(c: FnInfo | ClassInfo): FnInfo | null {
  let p: FnInfo | ClassInfo | null = c;
  while (p && !(p instanceof FnInfo)) p = p.parent;
  return p;
}

/**
 * Where each identifier-like word (`[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*`) starts. Scanned by character
 * code: a regex iterator allocated a match array per word, ~2.4 MB and twice the time per parse of the 3,000-line bench file.
 */
export function wordIndex(text: string): Map<string, number[]> {
  const words = new Map<string, number[]>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!startsWord(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i++;
    while (i < n && (startsWord(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
    const word = text.slice(start, i);
    const list = words.get(word);
    if (list) list.push(start);
    else words.set(word, [start]);
  }
  return words;
}

const startsWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
