// What the code declares a receiver to be, when its value cannot be followed: a client injected through a constructor
// (`constructor(@Inject('ChatModel') private chatModel: BaseChatModel)`), a parameter, a variable set by a factory.
import { ts } from './compiler';
import { enclosingClass, unwrap } from './ast';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';

/** The declared type of the class member `this.x` refers to. */
export function memberType(e: ts.PropertyAccessExpression): ts.TypeNode | undefined {
  const cls = enclosingClass(e);
  if (!cls) return undefined;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text) return m.type;
    // `constructor(private readonly groq: Groq)`
    if (ts.isConstructorDeclaration(m)) for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === e.name.text && p.modifiers?.length) return p.type;
  }
  return undefined;
}

/** The declared type of `this.x`, a variable or a parameter of this file. */
function declaredType(expr: ts.Expression, ctx: FileContext): ts.TypeNode | undefined {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return memberType(e);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = ctx.declarationOf(e);
  return decl && !isImportRef(decl) && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) ? decl.type : undefined;
}

/** LangChain.js's abstract model classes (@langchain/core/language_models/*, the 0.x `langchain/…` entry points). */
const BASE_MODEL = /^Base(Chat|Language)Model(Interface)?$/;
/** A provider's chat model class (`ChatOpenAI`, `AzureChatOpenAI`, `ChatOllama`, `ChatVertexAI`, …). */
const CHAT_MODEL = /^(Azure)?Chat[A-Z]\w*$/;
/** Not a model, though named like one: `ChatOpenAICallOptions`, `ChatAnthropicInput`, `ChatOllamaFields`, … */
const NOT_A_MODEL = /(CallOptions|Input|Fields|Params|Config)$/;
const LANGCHAIN = /^(@langchain\/[\w-]+|langchain)(\/|$)/;
/**
 * The modules that export provider chat models. @langchain/core and LangChain's own modules also export `Chat*` names
 * that are no model (`ChatPromptTemplate`, `ChatMessageHistory`), so there only the chat_models entry points count.
 */
const CHAT_MODEL_MODULE = /^(@langchain\/(?!core\b|langgraph\b|community\b|textsplitters\b)[\w-]+(\/.*)?|@langchain\/community\/chat_models\/.+|langchain\/chat_models\/.+)$/;

/** A LangChain model type imported from a LangChain package: `BaseChatModel`, `ChatOpenAI`, `lc.ChatAnthropic`. */
function isLangChainModelRef(t: ts.TypeReferenceNode, ctx: FileContext): boolean {
  const name = t.typeName;
  const local = ts.isIdentifier(name) ? name : ts.isQualifiedName(name) && ts.isIdentifier(name.left) ? name.left : null;
  if (!local) return false;
  const ref = ctx.declarationOf(local);
  if (!isImportRef(ref)) return false;
  const imported = ts.isIdentifier(name) ? ref.imported : ref.imported === '*' ? (name as ts.QualifiedName).right.text : null;
  if (!imported) return false;
  if (BASE_MODEL.test(imported)) return LANGCHAIN.test(ref.specifier);
  return CHAT_MODEL.test(imported) && !NOT_A_MODEL.test(imported) && CHAT_MODEL_MODULE.test(ref.specifier);
}

/**
 * The receiver is declared as a LangChain model (`private chatModel: BaseChatModel`, `model: ChatOpenAI | ChatAnthropic`,
 * `ChatOpenAI | null`): every type it is declared with, bar null and undefined, is one.
 */
export function declaredLangChainModel(expr: ts.Expression, ctx: FileContext): boolean {
  return declaredAsEvery(expr, ctx, (t) => isLangChainModelRef(t, ctx));
}

/** Every type the receiver is declared with, bar null and undefined, is a type reference that `test` accepts. */
function declaredAsEvery(expr: ts.Expression, ctx: FileContext, test: (t: ts.TypeReferenceNode) => boolean): boolean {
  const type = declaredType(expr, ctx);
  if (!type) return false;
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  let matched = 0;
  for (const p of parts) {
    if (p.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(p) && p.literal.kind === ts.SyntaxKind.NullKeyword)) continue;
    if (!ts.isTypeReferenceNode(p) || !test(p)) return false;
    matched++;
  }
  return matched > 0;
}

/** The receiver is declared as `@google/genai`'s `Chat` (`chat: Chat`, `Chat | null`, `genai.Chat`). */
export function declaredGenaiChat(expr: ts.Expression, ctx: FileContext): boolean {
  return declaredAsEvery(expr, ctx, (t) => {
    const name = t.typeName;
    const local = ts.isIdentifier(name) ? name : ts.isIdentifier(name.left) ? name.left : null;
    const ref = local ? ctx.declarationOf(local) : undefined;
    if (!isImportRef(ref) || ref.specifier !== '@google/genai') return false;
    return (ts.isIdentifier(name) ? ref.imported : ref.imported === '*' ? name.right.text : null) === 'Chat';
  });
}
