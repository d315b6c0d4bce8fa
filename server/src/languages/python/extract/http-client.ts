// What the `http_client=` of an OpenAI / Anthropic client construction leaves of the SDK's own timeout.
import type { PyFile } from './file-context';
import { qualifiedOf } from './resolve';
import { callArguments, unwrap, type Node } from './syntax';

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
