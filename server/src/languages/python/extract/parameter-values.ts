// An option whose value is the enclosing function's own parameter, left unset by default: the callers decide.
import type { PyFile } from './file-context';
import { parameterList, unwrap, type Node } from './syntax';

/** The SDKs' "not given" markers (`NOT_GIVEN`, `openai.NotGiven()`, `omit`) and None. */
const UNSET = /^(None|([A-Za-z_]\w*\.)*(NOT_GIVEN|NotGiven\(\)|omit|Omit\(\)))$/;

/**
 * `timeout=timeout`, `timeout=timeout or NOT_GIVEN`, `timeout if timeout else NOT_GIVEN` (or `… is not None else …`,
 * `NOT_GIVEN if timeout is None else timeout`, `timeout or None`), where `timeout` is a parameter of the enclosing
 * function that defaults to None or NOT_GIVEN and is never rebound in it: the value is whatever its callers pass, and
 * when they pass none, `unset`: an explicit None (`'none'`) or the SDK's "not given" marker (`'not-given'`). `position`
 * is where a positional argument fills the parameter (a method's `self` or `cls` left out), null when only a keyword can.
 */
export function parameterLeftToCallers(file: PyFile, expr: Node): { name: string; position: number | null; unset: 'none' | 'not-given' } | null {
  const e = unwrap(expr);
  const passed = passedOn(file, e);
  if (!passed) return null;
  const { name } = passed;
  const fn = file.functionAt(e.startIndex);
  if (!fn || !fn.name || file.bindingsIn(fn).get(name)?.length) return null;
  const params = parameterList(fn.node);
  const i = params.findIndex((p) => p.id.text === name);
  const param = params[i];
  if (!param?.default || !UNSET.test(file.src(unwrap(param.default)).replace(/\s+/g, ''))) return null;
  const receiver = fn.cls && /^(self|cls)$/.test(params[0]?.id.text ?? '') ? 1 : 0;
  const unset = passed.unset ?? file.src(unwrap(param.default)).trim();
  return { name, position: param.positional ? i - receiver : null, unset: unset === 'None' ? 'none' : 'not-given' };
}

/**
 * The name an expression passes on as is, or with an unset marker in its place when it is unset (`unset`: that marker;
 * absent when the name is passed as is, so that its default is what an unset value sends).
 */
function passedOn(file: PyFile, e: Node): { name: string; unset?: string } | null {
  const src = (n: Node | null | undefined) => (n ? file.src(unwrap(n)).replace(/\s+/g, ' ') : '');
  const marker = (n: Node | null | undefined) => {
    const t = src(n).replace(/ /g, '');
    return UNSET.test(t) ? t : null;
  };
  if (e.type === 'identifier') return { name: e.text };
  if (e.type === 'boolean_operator' && e.child(1)?.type === 'or') {
    const left = e.childForFieldName('left');
    const unset = marker(e.childForFieldName('right'));
    return left && unwrap(left).type === 'identifier' && unset ? { name: unwrap(left).text, unset } : null;
  }
  if (e.type === 'conditional_expression') {
    const [a, test, b] = e.namedChildren.filter((c) => c.type !== 'comment');
    if (!a || !test || !b) return null;
    const t = src(test);
    // `x if x else U`, `x if x is not None else U`; `U if x is None else x`, `U if not x else x`.
    const ub = marker(b);
    if (unwrap(a).type === 'identifier' && ub && (t === a.text || t === `${a.text} is not None`)) return { name: a.text, unset: ub };
    const ua = marker(a);
    if (unwrap(b).type === 'identifier' && ua && (t === `${b.text} is None` || t === `not ${b.text}`)) return { name: b.text, unset: ua };
  }
  return null;
}
