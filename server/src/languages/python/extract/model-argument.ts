// What an agent framework's `model=` argument names, read the same way for every framework: a model id written in the
// code, in place or in a module constant (`literal`), an environment read's default (not literal), or a model object
// built by a call, in place or where the name is bound.
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { unwrap, type Node } from './syntax';
import { envRead } from './values';

export type ModelArgument = { kind: 'name'; value: string; literal: boolean } | { kind: 'object'; file: PyFile; call: Node } | null;

export function modelArgumentOf(file: PyFile, node: Node): ModelArgument {
  const e = unwrap(node);
  const literal = stringValue(e, (n) => file.src(n));
  if (literal !== null) return { kind: 'name', value: literal, literal: true };
  // `os.getenv("AGENT_MODEL", "gpt-4o")` in place: the default is a model, not a hardcoded one.
  const inPlace = e.type === 'call' ? envRead(file, e)?.fallback : undefined;
  const fallback = inPlace ? stringValue(unwrap(inPlace), (n) => file.src(n)) : null;
  if (fallback !== null) return { kind: 'name', value: fallback, literal: false };
  if (e.type === 'call') return { kind: 'object', file, call: e };
  if (e.type !== 'identifier' && e.type !== 'attribute') return null;
  const r = resolveExpr(file, e);
  if (r.kind === 'string') return { kind: 'name', value: r.value, literal: true };
  if (r.kind !== 'node') return null;
  const s = stringValue(r.node, (n) => r.file.src(n));
  if (s !== null) return { kind: 'name', value: s, literal: true };
  const fb = envRead(r.file, r.node)?.fallback;
  const v = fb ? stringValue(unwrap(fb), (n) => r.file.src(n)) : null;
  if (v !== null) return { kind: 'name', value: v, literal: false };
  return r.node.type === 'call' ? { kind: 'object', file: r.file, call: r.node } : null;
}
