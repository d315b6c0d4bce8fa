// The factory of instructor-js (`@instructor-ai/instructor`): `Instructor({ client, mode })`, the package's default
// export under any local name. Kept apart from instructor.ts so that resolve.ts can see through it without a cycle.
import { ts } from './compiler';
import { propertyNameText, unwrap } from './ast';
import type { FileContext } from './file-context';

const INSTRUCTOR_PACKAGE = '@instructor-ai/instructor';

/** `Instructor({ client: oai, mode: 'TOOLS' })` with the package's default export (under any local name). */
export function isInstructorFactory(e: ts.Expression, ctx: FileContext): e is ts.CallExpression {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return false;
  const decl = ctx.declarationOf(e.expression);
  return !!decl && 'specifier' in decl && decl.specifier === INSTRUCTOR_PACKAGE && decl.imported === 'default';
}

/** The client an Instructor factory call wraps: its `client` option, written in the call. */
export function instructorWrappedClient(call: ts.CallExpression, ctx: FileContext): ts.Expression | null {
  if (!isInstructorFactory(call, ctx)) return null;
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!arg || !ts.isObjectLiteralExpression(arg)) return null;
  for (const p of arg.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'client') return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'client') return p.name;
  }
  return null;
}

