// AWS Bedrock through the AWS SDK for JavaScript v3: `client.send(new ConverseCommand(input))` on a
// `BedrockRuntimeClient` (@aws-sdk/client-bedrock-runtime). The request is the command's input; the client's options
// (maxAttempts, requestHandler) are the transport's. Other AWS clients (S3, DynamoDB) have a `send` of their own and
// send other commands: only a Bedrock Runtime command sent through a client that resolves to a BedrockRuntimeClient
// is a model call.

import { ts } from './compiler';
import type { ClientFact, LlmCallSite } from '../../core/types';
import { enclosingFunction, objectArgs, optionsObject, propertyNameText, unwrap } from './ast';
import { prop } from './prompt';
import type { FileContext } from './file-context';
import { candidateClients, isImportRef, resolveExpression } from './resolve';
import { bindingOf } from './sdk-bindings';

export interface BedrockSend {
  client: ClientFact;
  /** `ConverseCommand`, `ConverseStreamCommand`, `InvokeModelCommand`, `InvokeModelWithResponseStreamCommand`. */
  command: string;
  streaming: boolean;
  /** The `new XCommand(input)` expression: its first argument is the request. */
  construction: ts.NewExpression;
}

/** The field of a Bedrock Runtime response that holds the model's payload, usage included, and whether it is a stream. */
export interface BedrockPayload {
  key: 'stream' | 'body';
  stream: boolean;
}

/**
 * ConverseStream's events are `response.stream`; InvokeModelWithResponseStream's chunks are `response.body` (an event
 * stream); InvokeModel's JSON is `response.body`, bytes to decode. Converse's `usage` is a field of the response itself.
 */
export function bedrockPayloadOf(command: string): BedrockPayload | null {
  if (command === 'ConverseStreamCommand') return { key: 'stream', stream: true };
  if (command === 'InvokeModelWithResponseStreamCommand') return { key: 'body', stream: true };
  if (command === 'InvokeModelCommand') return { key: 'body', stream: false };
  return null;
}

/** `client.send(new ConverseCommand(…))` or `client.send(command)` with a `const command = new ConverseCommand(…)`. */
export function bedrockSendOf(call: ts.CallExpression, ctx: FileContext): BedrockSend | null {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'send' || call.arguments.length === 0) return null;
  const construction = commandConstruction(call.arguments[0], ctx);
  if (!construction) return null;
  const b = bindingOf(unwrap(construction.expression), ctx.sdk);
  if (b?.kind !== 'bedrock-command') return null;
  const client = bedrockClient(callee.expression, ctx);
  if (!client) return null;
  return { client, command: b.name, streaming: b.streaming, construction };
}

/** The command object sent: written in place, or a `const` bound once to one in the same file. */
function commandConstruction(arg: ts.Expression, ctx: FileContext): ts.NewExpression | null {
  const e = unwrap(arg);
  if (ts.isNewExpression(e)) return e;
  if (!ts.isIdentifier(e)) return null;
  const d = ctx.declarationOf(e);
  if (!d || isImportRef(d) || !ts.isVariableDeclaration(d) || !d.initializer) return null;
  if (!(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)) return null;
  const init = unwrap(d.initializer);
  return ts.isNewExpression(init) ? init : null;
}

/** The BedrockRuntimeClient the receiver stands for: resolved, or the only client ever assigned to it. */
function bedrockClient(receiver: ts.Expression, ctx: FileContext): ClientFact | null {
  const r = resolveExpression(receiver, ctx);
  if (r.kind === 'client') return r.client.sdk === 'aws-sdk' ? r.client : null;
  const byDefault = parameterPropertyDefault(receiver, ctx);
  if (byDefault) return byDefault;
  const assigned = candidateClients(receiver, ctx);
  if (assigned.length === 0 || assigned.some((c) => c.sdk !== 'aws-sdk' || c.span.start !== assigned[0].span.start || c.path !== assigned[0].path)) return null;
  return assigned[0];
}

/**
 * `this.bedrockClient` declared as a constructor parameter property with a client as its default (`constructor(private
 * readonly bedrockClient: BedrockRuntimeClient = new BedrockRuntimeClient({ region }))`): the client the class builds
 * for itself unless a caller (a test) hands it another.
 */
function parameterPropertyDefault(receiver: ts.Expression, ctx: FileContext): ClientFact | null {
  const e = unwrap(receiver);
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return null;
  let cls: ts.Node | undefined = e.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls) return null;
  const ctor = (cls as ts.ClassLikeDeclaration).members.find(ts.isConstructorDeclaration);
  const param = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === e.name.text && ts.getModifiers(p)?.length);
  if (!param?.initializer) return null;
  const c = resolveExpression(param.initializer, ctx);
  return c.kind === 'client' && c.client.sdk === 'aws-sdk' ? c.client : null;
}

/**
 * Where a read of the response's payload ends: `JSON.parse(new TextDecoder().decode(response.body))`,
 * `Buffer.from(response.body).toString()`, `response.body.transformToString()`, awaited or not. What the code does
 * with that value is what it does with the model's JSON, usage included.
 */
export function payloadReadEnd(access: ts.Expression): ts.Expression {
  let e: ts.Expression = access;
  for (;;) {
    let p = e.parent;
    while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isAwaitExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
    if (!p) return e;
    // `decode(x)`, `JSON.parse(x)`, `Buffer.from(x)`, `new TextDecoder().decode(x)`, `String.fromCharCode(...x)`
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => unwrap(a) === e || (ts.isSpreadElement(a) && unwrap(a.expression) === e)) && decodes(p.expression)) {
      e = p;
      continue;
    }
    // `x.toString()`, `x.transformToString()`
    if (ts.isPropertyAccessExpression(p) && p.expression === unwrapTo(e, p) && /^(toString|transformToString)$/.test(p.name.text) && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      e = p.parent;
      continue;
    }
    return e;
  }
}

function unwrapTo(e: ts.Expression, parent: ts.PropertyAccessExpression): ts.Expression {
  return unwrap(parent.expression) === e ? parent.expression : e;
}

/** A call that turns bytes into text or text into JSON. */
function decodes(callee: ts.Expression): boolean {
  const c = unwrap(callee);
  const name = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
  return /^(parse|decode|from|fromCharCode|toUtf8|utf8Decode|TextDecoder)$/.test(name);
}

/** The names a destructuring pattern takes, by the property they read. */
export function boundPropertyName(e: ts.BindingElement): string | null {
  if (e.propertyName) return propertyNameText(e.propertyName as ts.PropertyName);
  return ts.isIdentifier(e.name) ? e.name.text : null;
}

/** Bedrock's token counts by name: Converse's `inputTokens`, a body's `input_tokens`, the stream's invocation metrics. */
const BEDROCK_USAGE_TEXT = /amazon-bedrock-invocationMetrics|\b(?:inputTokens|outputTokens|input_tokens|output_tokens|inputTokenCount|outputTokenCount|prompt_token_count|generation_token_count)\b/;

/**
 * What the command's input says beyond the shared options: the output cap (Converse's `inferenceConfig.maxTokens`, or
 * `max_tokens` in an InvokeModel body written as `JSON.stringify({ … })` in place), and usage read by its field names
 * in the function around the call (a stream loop reading `metadata.usage.inputTokens`, a parsed chunk's counts).
 */
export function bedrockRequest(site: LlmCallSite, send: BedrockSend, call: ts.CallExpression, ctx: FileContext): void {
  const inference = site.args.options.inferenceConfig?.value;
  const maxTokens = inference?.kind === 'object' ? inference.args.options.maxTokens?.value : undefined;
  if (maxTokens?.kind === 'number') site.maxOutputTokens = maxTokens.value;
  const body = site.args.options.body?.value;
  if (site.maxOutputTokens === null && body?.kind === 'dynamic') {
    const bodyCall = bodyLiteral(send.construction);
    const cap = bodyCall ? objectArgs(bodyCall, ctx.sf).options.max_tokens?.value : undefined;
    if (cap?.kind === 'number') site.maxOutputTokens = cap.value;
  }
  if (site.usage === 'discarded' && !site.usageDroppedBy) {
    const fn = enclosingFunction(call);
    if (BEDROCK_USAGE_TEXT.test(fn ? fn.getText(ctx.sf) : ctx.sf.text)) site.usage = 'read';
  }
  // Only Converse's response holds the usage where a line after the call can log it; a body or a stream is read once.
  if (send.command !== 'ConverseCommand') delete site.resultBinding;
}

/** `body: JSON.stringify({ … })` in the command's input literal. */
function bodyLiteral(construction: ts.NewExpression): ts.ObjectLiteralExpression | null {
  const input = construction.arguments?.[0] ? optionsObject(construction.arguments[0], construction) : undefined;
  const body = input ? prop(input, 'body') : undefined;
  const e = body ? unwrap(body) : undefined;
  if (!e || !ts.isCallExpression(e) || e.getText().replace(/\s/g, '').indexOf('JSON.stringify(') !== 0) return null;
  const arg = e.arguments[0] ? optionsObject(e.arguments[0], e) : undefined;
  return arg ?? null;
}
