// discord.js command and event modules: files a bot's loader reads (`client.commands.set(command.data.name, command)`,
// `client.on(event.name, (...args) => event.execute(...args))`), so their `execute` runs once per interaction or
// message without any call in sight.
import { ts } from './compiler';
import { functionName, unwrap } from './ast';
import { hasModifier, type FileContext } from './file-context';

const DISCORD_PACKAGE = /['"](discord\.js|@discordjs\/builders)['"]/;
const COMMAND_BUILDER = /^(SlashCommandBuilder|ContextMenuCommandBuilder)$/;
/** Events a client emits once, at start-up. */
const START_EVENTS = /^(ClientReady|ready|clientReady)$/;

/**
 * Why `fn` is the `execute` of a discord.js command module (`export const data = new SlashCommandBuilder()…` next to
 * `export async function execute(interaction)`, or `module.exports = { data, async execute(interaction) {…} }`) or of
 * an event module (`{ name: Events.MessageCreate, execute(message) {…} }`), or null. An event module marked
 * `once: true` or listening for the ready event runs once (discordOnceEvent).
 */
export function discordModuleHandler(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  if (functionName(fn) !== 'execute' || !DISCORD_PACKAGE.test(ctx.text)) return null;
  const module = moduleObject(fn);
  if (module) {
    const data = propertyValue(module, 'data');
    if (data && isCommandBuilder(data)) return 'discord.js command execute';
    const event = eventName(module, ctx);
    if (event && !START_EVENTS.test(event) && !onceEvent(module)) return `discord.js ${event} event handler`;
    return null;
  }
  if (!isExportedFunction(fn)) return null;
  const data = ctx.exported('data');
  return data && !('specifier' in data) && ts.isVariableDeclaration(data) && data.initializer && isCommandBuilder(data.initializer) ? 'discord.js command execute' : null;
}

/** `{ name: Events.ClientReady, once: true, execute(client) {…} }`: run once, when the client logs in. */
export function discordOnceEvent(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  if (functionName(fn) !== 'execute' || !DISCORD_PACKAGE.test(ctx.text)) return false;
  const module = moduleObject(fn);
  if (!module) return false;
  const event = eventName(module, ctx);
  return !!event && (START_EVENTS.test(event) || onceEvent(module));
}

/** The object literal a module exports (`module.exports = {…}`, `export default {…}`, `export const x = {…}`) holding `fn`. */
function moduleObject(fn: ts.FunctionLikeDeclaration): ts.ObjectLiteralExpression | null {
  const holder = ts.isMethodDeclaration(fn) ? fn : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent : null;
  const obj = holder?.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
  let p: ts.Node = obj.parent;
  while (ts.isSatisfiesExpression(p) || ts.isAsExpression(p) || ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isExportAssignment(p)) return obj;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(module\.)?exports$/.test(p.left.getText())) return obj;
  if (ts.isVariableDeclaration(p) && ts.isVariableStatement(p.parent.parent) && hasModifier(p.parent.parent, ts.SyntaxKind.ExportKeyword)) return obj;
  return null;
}

function propertyValue(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | null {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === key) return p.initializer;
  return null;
}

/** `new SlashCommandBuilder().setName(…)…`: the chain starts with a command builder. */
function isCommandBuilder(e: ts.Expression): boolean {
  let n = unwrap(e);
  while (ts.isCallExpression(n) || ts.isPropertyAccessExpression(n)) n = unwrap(n.expression);
  return ts.isNewExpression(n) && ts.isIdentifier(n.expression) && COMMAND_BUILDER.test(n.expression.text);
}

/** The event an event module listens for: `Events.MessageCreate` (from discord.js) or a string such as `'messageCreate'`. */
function eventName(obj: ts.ObjectLiteralExpression, ctx: FileContext): string | null {
  const name = propertyValue(obj, 'name');
  if (!name) return null;
  const u = unwrap(name);
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.text;
  if (ts.isPropertyAccessExpression(u) && ts.isIdentifier(u.expression) && ctx.imports.get(u.expression.text)?.specifier === 'discord.js') return u.name.text;
  return null;
}

function onceEvent(obj: ts.ObjectLiteralExpression): boolean {
  const once = propertyValue(obj, 'once');
  return !!once && once.kind === ts.SyntaxKind.TrueKeyword;
}

function isExportedFunction(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return hasModifier(fn, ts.SyntaxKind.ExportKeyword);
  const decl = fn.parent;
  return !!decl && ts.isVariableDeclaration(decl) && decl.initializer === fn && ts.isVariableStatement(decl.parent.parent) && hasModifier(decl.parent.parent, ts.SyntaxKind.ExportKeyword);
}
