// Clients made only to ask the provider about models (`client.models.retrieve(model)` to check a user's own API key,
// seratch/ChatGPT-in-Slack): account requests, which a gateway would answer with its own aliases and keys.
import type { ClientFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { enclosingFunction, within, type Node } from './syntax';

const ACCOUNT_METHODS = /^(retrieve|list)$/;

/** Marks the file's clients whose every use is a `models.retrieve` / `models.list` call. */
export function markAccountOnlyClients(file: PyFile, clients: ClientFact[]): void {
  if (!clients.length || !/\bmodels\s*\.\s*(?:retrieve|list)\s*\(/.test(file.text)) return;
  for (const client of clients) {
    if (client.path !== file.path) continue;
    const built = file.root.descendantForIndex(file.offsets.fromUtf16(client.span.start), file.offsets.fromUtf16(client.span.end));
    if (built?.type === 'call' && onlyAccountCalls(file, built)) client.accountOnly = true;
  }
}

/**
 * `OpenAI(api_key=key).models.list()`, or a client bound to a local name that is used for nothing but such calls. A
 * module-level client may be imported and used elsewhere: it is not judged.
 */
function onlyAccountCalls(file: PyFile, built: Node): boolean {
  if (isAccountCallOn(built)) return true;
  const assignment = built.parent;
  const name = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === built.id ? assignment.childForFieldName('left') : null;
  const fn = enclosingFunction(built);
  if (name?.type !== 'identifier' || !fn) return false;
  let uses = 0;
  for (const at of file.occurrences(name.text)) {
    const n = file.root.descendantForIndex(file.offsets.fromUtf16(at), file.offsets.fromUtf16(at + name.text.length));
    if (n?.type !== 'identifier' || n.id === name.id || !within(n, fn)) continue;
    // Any other use (a request, a return, a hand-off, another binding of the name) may send model requests.
    if (n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.id === n.id) continue;
    if (!isAccountCallOn(n)) return false;
    uses++;
  }
  return uses > 0;
}

/** `<receiver>.models.retrieve(…)` / `<receiver>.models.list(…)`. */
function isAccountCallOn(receiver: Node): boolean {
  const models = receiver.parent;
  if (models?.type !== 'attribute' || models.childForFieldName('object')?.id !== receiver.id || models.childForFieldName('attribute')?.text !== 'models') return false;
  const method = models.parent;
  if (method?.type !== 'attribute' || !ACCOUNT_METHODS.test(method.childForFieldName('attribute')?.text ?? '')) return false;
  return method.parent?.type === 'call' && method.parent.childForFieldName('function')?.id === method.id;
}
