// What httpx clients leave of a timeout: the `http_client=` of an OpenAI / Anthropic client construction (the SDK's
// own timeout), and raw httpx requests that turn httpx's off.
import type { LlmCallSite } from '../../../core/types';
import type { PyFile } from './file-context';
import { qualifiedOf, resolveExpr } from './resolve';
import { callArguments, keyword, unwrap, type Node } from './syntax';

/**
 * An httpx client that openai-python / anthropic-python cannot tell from no client at all: `httpx.Client(...)` without
 * `timeout=` has httpx's default (5 s), which the SDKs take for "not set" (`http_client.timeout != HTTPX_DEFAULT_TIMEOUT`)
 * and replace by their own 600 s; the SDKs' `DefaultHttpxClient` carries that 600 s itself.
 */
const HTTPX_CLIENT = /^(httpx\.(Async)?Client|(openai|anthropic)(\.\w+)*\.Default(Async)?HttpxClient)$/;

/**
 * Whether `http_client=value` leaves the SDK default on every path: the value is None or an httpx client built without
 * `timeout=` (nor a `**` that may hold one), written inline or bound once to a local name (each arm of a conditional
 * expression counted). False when anything may carry a timeout: a parameter, a factory, a shared client.
 */
export function httpClientLeavesSdkDefault(file: PyFile, value: Node): boolean {
  const e = unwrap(value);
  if (e.type === 'identifier') {
    const bound = boundOnce(file, e);
    return !!bound && untimedArms(file, bound);
  }
  return untimedArms(file, e);
}

function untimedArms(file: PyFile, expr: Node): boolean {
  const e = unwrap(expr);
  if (e.type === 'none') return true;
  if (e.type === 'conditional_expression') {
    const [then, , otherwise] = e.namedChildren.filter((c) => c.type !== 'comment');
    return !!then && !!otherwise && untimedArms(file, then) && untimedArms(file, otherwise);
  }
  if (e.type !== 'call') return false;
  const fn = e.childForFieldName('function');
  const args = e.childForFieldName('arguments');
  if (!fn || args?.type !== 'argument_list' || !HTTPX_CLIENT.test(qualifiedOf(file, fn) ?? '')) return false;
  const { keywords, positional, dictSplats } = callArguments(args);
  // httpx.Client takes its options by keyword only: a positional argument is not what we think it is.
  return positional.length === 0 && dictSplats.length === 0 && !keywords.some((k) => k.name === 'timeout');
}

/** The value of a name's one binding: in the function using it, or at module level for a module-level use. */
function boundOnce(file: PyFile, id: Node): Node | null {
  if (file.functionAt(id.startIndex)) return file.soleAssignment(id);
  const assigns = file.moduleAssigns.get(id.text);
  return assigns?.length === 1 && assigns[0].startIndex < id.startIndex ? assigns[0] : null;
}

/** httpx's own clients, as raw HTTP clients (the SDKs' `DefaultHttpxClient` carries their timeout). */
const RAW_HTTPX_CLIENT = /^httpx\.(Async)?Client$/;

/**
 * A raw httpx request (`httpx.post(…)`, `client.post(…)` on an `httpx.AsyncClient`) whose timeout is turned off: the
 * request's own `timeout` (`request`), or, when it passes none, that of the client it goes through (`client`); `none`
 * when it is None, `read` when it is an `httpx.Timeout` with no read timeout. httpx's 5 s default bounds the rest.
 * `receiver` is what `.post` is called on.
 */
export function httpxTimeoutOff(file: PyFile, call: Node, receiver: Node): LlmCallSite['httpxTimeoutOff'] | null {
  const own = keyword(call.childForFieldName('arguments'), 'timeout');
  const off = (f: PyFile, v: Node, where: 'request' | 'client') => {
    const how = timeoutOff(f, v);
    return how ? { where, how } : null;
  };
  const r = resolveExpr(file, receiver);
  if (r.kind === 'external') return r.qualified === 'httpx' && own ? off(file, own, 'request') : null;
  if (r.kind !== 'node' || r.node.type !== 'call') return null;
  const ctor = r.node.childForFieldName('function');
  if (!ctor || !RAW_HTTPX_CLIENT.test(qualifiedOf(r.file, ctor) ?? '')) return null;
  if (own) return off(file, own, 'request');
  const { keywords, positional, dictSplats } = callArguments(r.node.childForFieldName('arguments'));
  const timeout = keywords.find((k) => k.name === 'timeout');
  return positional.length === 0 && dictSplats.length === 0 && timeout ? off(r.file, timeout.value, 'client') : null;
}

/**
 * An httpx timeout value that leaves the wait for response data unbounded: None (written, or a module constant), or an
 * `httpx.Timeout(…)` whose read timeout is None (`Timeout(None)`, `Timeout(None, connect=5)`, `Timeout(60, read=None)`).
 */
function timeoutOff(file: PyFile, value: Node, depth = 0): 'none' | 'read' | null {
  const e = unwrap(value);
  if (e.type === 'none') return 'none';
  if (depth < 4 && e.type === 'identifier') {
    const r = resolveExpr(file, e);
    return r.kind === 'node' && r.node.id !== e.id ? timeoutOff(r.file, r.node, depth + 1) : null;
  }
  if (e.type !== 'call') return null;
  const fn = e.childForFieldName('function');
  if (!fn || !/^httpx(\._config)?\.Timeout$/.test(qualifiedOf(file, fn) ?? '')) return null;
  const { keywords, positional, dictSplats } = callArguments(e.childForFieldName('arguments'));
  if (dictSplats.length) return null;
  const read = keywords.find((k) => k.name === 'read')?.value ?? keywords.find((k) => k.name === 'timeout')?.value ?? positional[0];
  return read && unwrap(read).type === 'none' ? 'read' : null;
}
