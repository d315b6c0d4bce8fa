// A streamed HTTP response read by hand: the loop over its lines and the events parsed from them.
import type { Node } from './syntax';

/**
 * Methods that hand out a streamed body piece by piece: httpx's `aiter_lines()` / `iter_lines()` (and text, bytes),
 * requests' `iter_lines()` / `iter_content()`, aiohttp's `response.content` reader (`iter_any()`, `iter_chunked(n)`).
 */
const PIECES = /^(aiter_lines|iter_lines|aiter_text|iter_text|aiter_bytes|iter_bytes|aiter_raw|iter_raw|iter_content|iter_any|iter_chunked|iter_chunks)$/;
/** String methods that keep an event's text (`line.decode("utf-8").strip()`, `line.removeprefix("data: ")`). */
const TRIMS = /^(decode|strip|lstrip|rstrip|removeprefix)$/;

/**
 * The loop over a response's body, given the attribute read on the response: `async for line in response.aiter_lines()`,
 * `for line in r.iter_lines()`, `async for line in response.content` (aiohttp); null when it is not one.
 */
export function linesLoop(attribute: Node): Node | null {
  let x = attribute;
  const name = () => x.childForFieldName('attribute')?.text ?? '';
  const called = () => x.parent?.type === 'call' && x.parent.childForFieldName('function')?.id === x.id;
  // aiohttp: `response.content` is the body's reader, iterated by lines or through its own methods.
  if (name() === 'content' && x.parent?.type === 'attribute' && x.parent.childForFieldName('object')?.id === x.id) x = x.parent;
  const bareReader = !(PIECES.test(name()) && called());
  if (!bareReader) x = x.parent!;
  else if (name() !== 'content') return null;
  const loop = x.parent;
  if (loop?.type !== 'for_statement' || loop.childForFieldName('right')?.id !== x.id) return null;
  // aiohttp's reader is iterated only with `async for`: a plain `for block in message.content` walks the content
  // blocks of an SDK response (Anthropic's `Message.content`), not a body's lines.
  return bareReader && loop.child(0)?.type !== 'async' ? null : loop;
}

/**
 * The text of a raw stream's line once sliced and trimmed (`line[6:]`, `line.decode("utf-8").strip()`,
 * `line.removeprefix("data: ")`): the outermost such expression, or the name itself.
 */
export function trimmedText(n: Node): Node {
  let x = n;
  for (;;) {
    const p = x.parent;
    if (p?.type === 'subscript' && p.childForFieldName('value')?.id === x.id && p.childForFieldName('subscript')?.type === 'slice') x = p;
    else if (p?.type === 'attribute' && p.childForFieldName('object')?.id === x.id && TRIMS.test(p.childForFieldName('attribute')?.text ?? '') && p.parent?.type === 'call') x = p.parent;
    else return x;
  }
}

/** The event parsed from a line of a raw stream: the `json.loads(…)` of its trimmed text (`json.loads(line[6:])`). */
export function parsedEvent(n: Node): Node | null {
  const text = trimmedText(n);
  const args = text.parent;
  return args?.type === 'argument_list' && args.namedChildren[0]?.id === text.id && /^((json|orjson|ujson)\.)?loads$/.test(args.parent?.childForFieldName('function')?.text ?? '') ? args.parent : null;
}
