// The TypeScript compiler API, bound once. ts-morph exposes it through a property getter, and the bundle's CommonJS
// interop adds a second one, so `ts.isCallExpression(n)` through `import { ts } from 'ts-morph'` cost two extra
// calls per use: about a third of the front end's time on a keystroke.
import { ts as compiler } from 'ts-morph';

export import ts = compiler;
