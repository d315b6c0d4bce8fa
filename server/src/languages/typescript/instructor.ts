// instructor-js (`@instructor-ai/instructor`): `Instructor({ client, mode })` wraps an OpenAI-shaped client, and
// `chat.completions.create({ …, response_model })` on the wrapper sends the request through that client, with its
// options, after Instructor's own retry loop. Without `response_model` the wrapper hands the call straight on.
import { ts } from './compiler';
import { instructorRetries } from '../../core/instructor-retries';
import type { LlmCallSite } from '../../core/types';
import { unwrap } from './ast';
import type { FileContext } from './file-context';
import { isInstructorFactory } from './instructor-factory';
import { isImportRef, thisMemberInitializer } from './resolve';

const MAX_HOPS = 4;

/**
 * Whether a request's receiver is an Instructor wrapper: made in place, or held by a `const`, a class member set once,
 * or an export of a workspace module (`import { instructor } from './lib/ai'`), a few hops away at most.
 */
export function isInstructorReceiver(receiver: ts.Expression, ctx: FileContext): boolean {
  let e = unwrap(receiver);
  let at = ctx;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (isInstructorFactory(e, at)) return true;
    let next: ts.Node | undefined;
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) next = thisMemberInitializer(e);
    else if (ts.isIdentifier(e)) {
      let decl = at.declarationOf(e);
      if (isImportRef(decl)) {
        const target = at.workspace.resolveModule(at.path, decl.specifier);
        const other = target ? at.workspace.contextFor(target) : undefined;
        if (!other || decl.imported === '*') return false;
        at = other;
        decl = other.exported(decl.imported);
        if (isImportRef(decl)) return false;
      }
      if (decl && ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const) next = decl.initializer;
    }
    if (!next || !ts.isExpression(next)) return false;
    e = unwrap(next);
  }
  return false;
}

/**
 * A request through Instructor with a `response_model`: `max_retries: N` is Instructor's own loop, which sends the
 * request again at once after any error (a failed validation, a rate limit, a timeout), up to N more times: N + 1
 * attempts, each with the SDK's own retries. The default differs between releases (3, later 0), so only a number
 * written in the call is counted. A streamed request yields partial objects, which carry no usage.
 */
export function instructorRequest(site: LlmCallSite): void {
  if (!('response_model' in site.args.options)) return;
  site.wrapper = 'instructor';
  if (site.streaming !== false) site.usage = 'unknown';
  const opt = site.args.options.max_retries;
  if (!opt || opt.value.kind !== 'number' || opt.value.value < 1) return;
  site.retries.unshift(instructorRetries(site.path, opt, opt.value.value + 1));
}
