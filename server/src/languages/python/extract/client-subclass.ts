// Workspace subclasses of client classes that are built exactly like their base (`class WrappedChatOpenAI(ChatOpenAI)`
// adding pydantic fields): the class body is read for anything that could set a timeout or change how the client is made.
import { LLAMAINDEX_METHODS } from './sdk';
import type { ClassInfo } from './file-context';
import { unwrap, type Node } from './syntax';

/** Names of settings that carry a timeout, or of the HTTP / SDK client that would carry it. */
const TIMEOUT_TEXT = /timeout|http_client|http_async_client/i;

/** LangChain `client` / `async_client` / `root_client` fields hold the SDK client the model sends through. */
const CLIENT_FIELD = /client/i;

/** Public methods through which requests are made: an override may pass a timeout of its own. */
const REQUEST_METHODS = new Set([
  'invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'generate', 'agenerate', 'predict', 'apredict',
  'predict_messages', 'apredict_messages', 'generate_prompt', 'agenerate_prompt', 'with_options', 'copy', 'bind',
  'with_config', 'with_retry', 'request', 'post', 'get', 'create', 'completion', 'acompletion',
  ...Object.keys(LLAMAINDEX_METHODS),
]);

/**
 * The class body keeps its base's construction: only a docstring, pydantic configuration, fields that give no default
 * but None (a default could set a timeout, a base URL or stream options; LangChain fills a None `client` in), public
 * helper methods that are not request paths, and an `__init__` that hands all it gets to `super().__init__`. Anything
 * else (a validator, a private override, a decorated method) may change the client, so it is not judged.
 */
export function keepsClientConstruction(cls: ClassInfo): boolean {
  const body = cls.node.childForFieldName('body');
  if (!body) return false;
  return body.namedChildren.every((stmt) => {
    switch (stmt.type) {
      case 'comment':
      case 'pass_statement':
        return true;
      case 'expression_statement': {
        const e = stmt.firstNamedChild;
        return e?.type === 'string' || (e?.type === 'assignment' && neutralField(e));
      }
      case 'class_definition':
        return stmt.childForFieldName('name')?.text === 'Config' && !TIMEOUT_TEXT.test(stmt.text);
      case 'function_definition':
        return neutralMethod(stmt);
      default:
        return false;
    }
  });
}

function neutralField(assign: Node): boolean {
  const left = assign.childForFieldName('left');
  if (left?.type !== 'identifier' || TIMEOUT_TEXT.test(assign.text)) return false;
  const value = assign.childForFieldName('right');
  if (!value) return !!assign.childForFieldName('type');
  // `model_config = ConfigDict(populate_by_name=True)`
  if (left.text === 'model_config') return !CLIENT_FIELD.test(assign.text);
  return noDefault(unwrap(value));
}

/** `None`, or `Field(…)` with no default but None (`Field(alias="model")`, `Field(default=None, description=…)`). */
function noDefault(v: Node): boolean {
  if (v.type === 'none') return true;
  if (v.type !== 'call' || !/(^|\.)Field$/.test(v.childForFieldName('function')?.text ?? '')) return false;
  const args = v.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  return args.every((a, i) => {
    if (a.type !== 'keyword_argument') return i === 0 && (a.type === 'none' || a.type === 'ellipsis');
    const key = a.childForFieldName('name')?.text;
    if (key === 'default') return a.childForFieldName('value')?.type === 'none';
    return key !== 'default_factory';
  });
}

function neutralMethod(def: Node): boolean {
  const name = def.childForFieldName('name')?.text ?? '';
  if (name === '__init__') return passthroughInit(def);
  return !name.startsWith('_') && !REQUEST_METHODS.has(name) && !TIMEOUT_TEXT.test(def.text);
}

/**
 * `def __init__(self, *args, **kwargs): super().__init__(*args, **kwargs)`, with other statements that read neither
 * the arguments nor anything about timeouts or clients.
 */
function passthroughInit(def: Node): boolean {
  const params = def.childForFieldName('parameters')?.namedChildren.filter((p) => p.type !== 'comment') ?? [];
  const [self, ...others] = params;
  const rest = others.map(splatPattern);
  if (self?.type !== 'identifier' || rest.length === 0 || !rest.every((p) => p !== null)) return false;
  const names = rest.map((p) => p.namedChildren.find((c) => c.type === 'identifier')?.text ?? '');
  const mentions = new RegExp(`(?<![\\w])(${names.join('|')})(?![\\w])`);
  let supers = 0;
  for (const stmt of def.childForFieldName('body')?.namedChildren ?? []) {
    if (stmt.type === 'comment') continue;
    const e = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
    if (e?.type === 'string') continue;
    if (e && isSuperInit(e, rest)) {
      supers++;
      continue;
    }
    if (mentions.test(stmt.text) || TIMEOUT_TEXT.test(stmt.text) || CLIENT_FIELD.test(stmt.text)) return false;
  }
  return supers === 1;
}

/** `*args` / `**kwargs`, annotated or not (`**kwargs: Any`). */
function splatPattern(p: Node): Node | null {
  const inner = p.type === 'typed_parameter' ? p.namedChildren[0] : p;
  return inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern' ? inner : null;
}

/** `super().__init__(*args, **kwargs)`: the splat parameters handed on as they are, in order, and nothing else. */
function isSuperInit(e: Node, splats: Node[]): boolean {
  if (e.type !== 'call') return false;
  const fn = e.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== '__init__') return false;
  const obj = fn.childForFieldName('object');
  if (obj?.type !== 'call' || obj.childForFieldName('function')?.text !== 'super' || (obj.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0) return false;
  const args = e.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  const kinds: Record<string, string> = { list_splat_pattern: 'list_splat', dictionary_splat_pattern: 'dictionary_splat' };
  return args.length === splats.length && args.every((a, i) => a.type === kinds[splats[i].type] && a.text.replace(/\s/g, '') === splats[i].text.replace(/\s/g, ''));
}
