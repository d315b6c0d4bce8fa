import type { Span } from '../../../core/types';
import type { OffsetMap } from '../offsets';
import { query } from '../parser';
import { importBindings, type ImportBinding } from './imports';
import { decoratorsOf, parameterNames, type Node } from './syntax';
import type { WorkspaceIndex } from './workspace-index';

/** A `def`, with where it sits. */
export interface FnInfo {
  node: Node;
  name: string;
  /** `handler`, `Service.reply`, `outer.inner`. */
  qualName: string;
  start: number;
  end: number;
  cls: ClassInfo | null;
  parent: FnInfo | null;
  params: string[];
  decorators: Node[];
}

export interface ClassInfo {
  node: Node;
  name: string;
  qualName: string;
  start: number;
  end: number;
  bases: Node[];
  parent: FnInfo | ClassInfo | null;
}

/** A name bound inside a function: an assignment's value, a `with … as` target, a loop variable. */
export interface LocalBinding {
  /** Index where the binding happens (its statement's start). */
  at: number;
  /** The assigned expression; null when the value cannot be read (loop targets, `+=`). */
  value: Node | null;
  kind: 'assign' | 'with' | 'for' | 'augmented';
}

const STRUCTURE = `
(import_statement) @import
(import_from_statement) @import
(function_definition) @function
(class_definition) @class
(global_statement) @global
`;

const LOCALS = `
(assignment left: (identifier) @lhs right: (_) @rhs) @assign
(augmented_assignment left: (identifier) @aug) @augmented
(for_statement left: (identifier) @for) @loop
(with_item value: (as_pattern (_) @ctx alias: (as_pattern_target (identifier) @as))) @with
(named_expression name: (identifier) @walrus value: (_) @wvalue) @named
`;

const WHOLE = new Set(['assign', 'augmented', 'loop', 'with', 'named']);

const SELF_ASSIGN = `(assignment left: (attribute object: (identifier) @obj attribute: (identifier) @attr) right: (_) @rhs) @assign`;

/** One parsed Python module with the lookups the extractors share. Valid only while its tree is alive. */
export class PyFile {
  readonly imports = new Map<string, ImportBinding>();
  readonly wildcardImports: ImportBinding[] = [];
  readonly importStatements: Node[] = [];
  /** Sorted by start. */
  readonly functions: FnInfo[] = [];
  readonly classes: ClassInfo[] = [];
  /** Module-level assignments (and `global` assignments inside functions), values in source order. */
  readonly moduleAssigns = new Map<string, Node[]>();
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

  private indexStructure(): void {
    const containers: Array<FnInfo | ClassInfo> = [];
    const globals: Node[] = [];
    for (const cap of query(STRUCTURE).captures(this.root)) {
      const n = cap.node;
      if (cap.name === 'import') {
        this.importStatements.push(n);
        for (const b of importBindings(n, (x) => this.span(x))) {
          if (b.local === '*') this.wildcardImports.push(b);
          else if (!this.imports.has(b.local) || n.parent?.type === 'module') this.imports.set(b.local, b);
        }
      } else if (cap.name === 'function' || cap.name === 'class') {
        const name = n.childForFieldName('name')?.text ?? '';
        const start = n.startIndex;
        const end = n.endIndex;
        while (containers.length && containers[containers.length - 1].end <= start) containers.pop();
        const parent = containers[containers.length - 1] ?? null;
        const prefix = parent ? `${parent.qualName}.` : '';
        if (cap.name === 'function') {
          const fnParent = parent && 'params' in parent ? parent : parent ? enclosingFn(parent) : null;
          const fn: FnInfo = {
            node: n, name, qualName: prefix + name, start, end,
            cls: parent && !('params' in parent) ? parent : null,
            parent: fnParent, params: parameterNames(n), decorators: decoratorsOf(n),
          };
          this.functions.push(fn);
          containers.push(fn);
          if (!parent && !this.moduleDefs.has(name)) this.moduleDefs.set(name, fn);
        } else {
          const sup = n.childForFieldName('superclasses');
          const cls: ClassInfo = {
            node: n, name, qualName: prefix + name, start, end,
            bases: sup ? sup.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment') : [], parent,
          };
          this.classes.push(cls);
          containers.push(cls);
          if (!parent && !this.moduleDefs.has(name)) this.moduleDefs.set(name, cls);
        }
      } else if (cap.name === 'global') globals.push(n);
    }
    this.collectModuleAssigns(this.root);
    for (const g of globals) {
      const fn = this.functionAt(g.startIndex);
      if (!fn) continue;
      const names = new Set(g.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text));
      this.globalsByFn.set(fn, new Set([...(this.globalsByFn.get(fn) ?? []), ...names]));
      for (const [name, bindings] of this.bindingsIn(fn, true)) {
        if (!names.has(name)) continue;
        for (const b of bindings) if (b.value) this.pushAssign(name, b.value);
      }
    }
  }

  private pushAssign(name: string, value: Node): void {
    const list = this.moduleAssigns.get(name);
    if (list) list.push(value);
    else this.moduleAssigns.set(name, [value]);
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

  /** The function with exactly this node. */
  functionOf(node: Node): FnInfo | null {
    const f = this.functionAt(node.startIndex);
    for (let x = f; x; x = x.parent) if (x.start === node.startIndex && x.end === node.endIndex) return x;
    return null;
  }

  /** Names declared `global` in a function. */
  globalsOf(fn: FnInfo): Set<string> {
    return this.globalsByFn.get(fn) ?? EMPTY;
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
      for (const m of query(LOCALS).matches(body, { startIndex: body.startIndex, endIndex: body.endIndex })) {
        const whole = m.captures.find((c) => WHOLE.has(c.name))?.node;
        const anchor = m.captures.find((c) => ['lhs', 'aug', 'for', 'as', 'walrus'].includes(c.name));
        if (!anchor || !whole) continue;
        if (!includeNested && this.functionAt(anchor.node.startIndex) !== fn) continue;
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
      for (const m of query(SELF_ASSIGN).matches(body, { startIndex: body.startIndex, endIndex: body.endIndex })) {
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
  classNamed(qualName: string): ClassInfo | undefined {
    return this.classes.find((c) => c.qualName === qualName);
  }
}

const EMPTY = new Set<string>();

function enclosingFn(c: FnInfo | ClassInfo): FnInfo | null {
  let p: FnInfo | ClassInfo | null = c;
  while (p && !('params' in p)) p = p.parent;
  return p;
}
