// Queue job processors: the function a BullMQ Worker (or a NestJS @Processor class) runs once per job, as Celery runs a
// task (Python's request paths).
import { ts } from './compiler';
import { nodesOfInterest, unwrap, walk } from './ast';
import type { FileContext } from './file-context';

const BULLMQ = /^(bullmq|@taskforcesh\/bullmq-pro)$/;
/** `new Worker(…)` needs the name bound to BullMQ's class: Node's worker_threads and Web Workers share the name. */
const WORKER_CLASS = /^Worker(Pro)?$/;

/** `new Worker('chat', async (job) => …, opts)`: why `fn` is the processor written in place, or null. */
export function bullmqProcessorReason(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  let n: ts.Node = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const created = n.parent;
  if (!created || !ts.isNewExpression(created) || created.arguments?.[1] !== n || !isBullmqWorker(created, ctx)) return null;
  return reasonOf(created);
}

/**
 * NestJS queue consumers: `process(job)` of a `@Processor('q')` class (@nestjs/bullmq's WorkerHost) and the
 * `@Process()` methods of one from @nestjs/bull.
 */
export function nestProcessorReason(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  if (!ts.isMethodDeclaration(fn) || !fn.parent || !ts.isClassDeclaration(fn.parent)) return null;
  const processor = (ts.getDecorators(fn.parent) ?? []).map(decoratorCall).find((d) => d?.name === 'Processor');
  const from = processor && ctx.imports.get('Processor')?.specifier;
  if (!processor || (from !== '@nestjs/bullmq' && from !== '@nestjs/bull')) return null;
  const named = ts.isIdentifier(fn.name) && fn.name.text === 'process' && from === '@nestjs/bullmq';
  const decorated = (ts.getDecorators(fn) ?? []).some((d) => decoratorCall(d)?.name === 'Process');
  if (!named && !decorated) return null;
  return `NestJS queue processor${processor.queue ? ` (queue ${processor.queue})` : ''}`;
}

function decoratorCall(d: ts.Decorator): { name: string; queue: string | null } | null {
  const e = d.expression;
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const a = e.arguments[0] && unwrap(e.arguments[0]);
  return { name: e.expression.text, queue: a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) ? a.text : null };
}

/** Processors handed to a BullMQ Worker by name: `new Worker('chat', processJob, { connection })`. */
export function bullmqProcessorsByName(ctx: FileContext): Array<{ handler: ts.Expression; reason: string }> {
  const out: Array<{ handler: ts.Expression; reason: string }> = [];
  if (!/\bbullmq/.test(ctx.text) || !/\bnew\s+Worker/.test(ctx.text)) return out;
  for (const n of newExpressionsIn(ctx)) {
    const processor = n.arguments?.[1] && unwrap(n.arguments[1]);
    if (processor && (ts.isIdentifier(processor) || ts.isPropertyAccessExpression(processor)) && isBullmqWorker(n, ctx)) out.push({ handler: processor, reason: reasonOf(n) });
  }
  return out;
}

function isBullmqWorker(created: ts.NewExpression, ctx: FileContext): boolean {
  const callee = unwrap(created.expression);
  if (ts.isIdentifier(callee)) {
    const ref = ctx.imports.get(callee.text);
    return !!ref && BULLMQ.test(ref.specifier) && WORKER_CLASS.test(ref.imported);
  }
  // `new bullmq.Worker(…)` on a namespace import.
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && WORKER_CLASS.test(callee.name.text)) {
    const ref = ctx.imports.get(callee.expression.text);
    return !!ref && BULLMQ.test(ref.specifier) && (ref.imported === '*' || ref.imported === 'default');
  }
  return false;
}

function reasonOf(created: ts.NewExpression): string {
  const queue = created.arguments?.[0] && unwrap(created.arguments[0]);
  return `BullMQ job processor${queue && (ts.isStringLiteral(queue) || ts.isNoSubstitutionTemplateLiteral(queue)) ? ` (queue ${queue.text})` : ''}`;
}

/** The file's `new X(…)` expressions: from the tree index when the file has one. */
function newExpressionsIn(ctx: FileContext): ts.NewExpression[] {
  const indexed = nodesOfInterest(ctx.sf)?.constructions;
  if (indexed) return indexed.filter(ts.isNewExpression);
  const out: ts.NewExpression[] = [];
  walk(ctx.sf, (n) => void (ts.isNewExpression(n) && out.push(n)));
  return out;
}
