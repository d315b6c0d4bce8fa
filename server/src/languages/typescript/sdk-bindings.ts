import { ts } from 'ts-morph';
import type { Provider, Sdk } from '../../core/types';

/** What a local name imported from an LLM package stands for. */
export type SdkBinding =
  | { kind: 'client-class'; sdk: Sdk; provider: Provider; className: string }
  | { kind: 'ai-function'; name: string }
  | { kind: 'ai-provider'; provider: Provider; name: string; factory: boolean }
  | { kind: 'namespace'; module: string };

interface ModuleExports {
  default?: SdkBinding;
  named: Record<string, SdkBinding>;
}

const openaiClass = (className: string, provider: Provider = 'openai'): SdkBinding => ({ kind: 'client-class', sdk: 'openai', provider, className });
const anthropicClass = (className: string): SdkBinding => ({ kind: 'client-class', sdk: 'anthropic', provider: 'anthropic', className });
const lcClass = (className: string, provider: Provider): SdkBinding => ({ kind: 'client-class', sdk: 'langchain', provider, className });
const aiFn = (name: string): SdkBinding => ({ kind: 'ai-function', name });
const aiProvider = (provider: Provider, name: string, factory: boolean): SdkBinding => ({ kind: 'ai-provider', provider, name, factory });

/** The LLM packages the TypeScript front end recognises, and what each export is. */
export const SDK_MODULES: Record<string, ModuleExports> = {
  openai: { default: openaiClass('OpenAI'), named: { OpenAI: openaiClass('OpenAI'), AzureOpenAI: openaiClass('AzureOpenAI', 'azure-openai') } },
  '@anthropic-ai/sdk': { default: anthropicClass('Anthropic'), named: { Anthropic: anthropicClass('Anthropic') } },
  '@anthropic-ai/bedrock-sdk': { default: anthropicClass('AnthropicBedrock'), named: { AnthropicBedrock: anthropicClass('AnthropicBedrock') } },
  '@anthropic-ai/vertex-sdk': { default: anthropicClass('AnthropicVertex'), named: { AnthropicVertex: anthropicClass('AnthropicVertex') } },
  ai: { named: { generateText: aiFn('generateText'), streamText: aiFn('streamText'), generateObject: aiFn('generateObject'), streamObject: aiFn('streamObject') } },
  '@ai-sdk/openai': { named: { openai: aiProvider('openai', 'openai', false), createOpenAI: aiProvider('openai', 'createOpenAI', true) } },
  '@ai-sdk/anthropic': { named: { anthropic: aiProvider('anthropic', 'anthropic', false), createAnthropic: aiProvider('anthropic', 'createAnthropic', true) } },
  '@ai-sdk/google': { named: { google: aiProvider('google', 'google', false), createGoogleGenerativeAI: aiProvider('google', 'createGoogleGenerativeAI', true) } },
  '@ai-sdk/azure': { named: { azure: aiProvider('azure-openai', 'azure', false), createAzure: aiProvider('azure-openai', 'createAzure', true) } },
  '@langchain/openai': { named: { ChatOpenAI: lcClass('ChatOpenAI', 'openai'), AzureChatOpenAI: lcClass('AzureChatOpenAI', 'azure-openai') } },
  '@langchain/anthropic': { named: { ChatAnthropic: lcClass('ChatAnthropic', 'anthropic') } },
  '@google/genai': { named: { GoogleGenAI: { kind: 'client-class', sdk: 'google-genai', provider: 'google', className: 'GoogleGenAI' } } },
};

/** Cheap text test: could this file use an LLM SDK at all? */
export const SDK_MENTION = /openai|anthropic|@ai-sdk|['"]ai['"]|langchain|@google\/genai|generativelanguage|googleapis|bedrock|openrouter|api\.groq|mistral\.ai|deepseek/i;

/** Local names bound to LLM package exports in one file: imports, `require`, namespace imports. */
export function collectSdkBindings(sf: ts.SourceFile): Map<string, SdkBinding> {
  const out = new Map<string, SdkBinding>();
  const fromModule = (spec: string) => SDK_MODULES[spec];
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const mod = fromModule(stmt.moduleSpecifier.text);
      const clause = stmt.importClause;
      if (!mod || !clause) continue;
      if (clause.name && mod.default) out.set(clause.name.text, mod.default);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { kind: 'namespace', module: stmt.moduleSpecifier.text });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const imported = (el.propertyName ?? el.name).text;
          const b = imported === 'default' ? mod.default : mod.named[imported];
          if (b) out.set(el.name.text, b);
        }
      }
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const spec = requireSpecifier(decl.initializer);
        const mod = spec ? fromModule(spec) : undefined;
        if (!mod) continue;
        if (ts.isIdentifier(decl.name)) {
          // `const OpenAI = require('openai')` gives the default export (the class) for CJS SDKs.
          out.set(decl.name.text, mod.default ?? { kind: 'namespace', module: spec! });
        } else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
            const b = imported === 'default' ? mod.default : mod.named[imported];
            if (b && ts.isIdentifier(el.name)) out.set(el.name.text, b);
          }
        }
      }
    }
  }
  return out;
}

/** `require('x')` or `require('x').default` → 'x'. */
export function requireSpecifier(expr: ts.Expression | undefined): string | null {
  if (!expr) return null;
  let e = expr;
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') e = e.expression;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1) {
    const a = e.arguments[0];
    if (ts.isStringLiteral(a)) return a.text;
  }
  return null;
}

/** Resolves `X` or `ns.X` to an SDK binding. */
export function bindingOf(expr: ts.Expression, bindings: Map<string, SdkBinding>): SdkBinding | undefined {
  if (ts.isIdentifier(expr)) {
    const b = bindings.get(expr.text);
    return b?.kind === 'namespace' ? (SDK_MODULES[b.module]?.default ?? b) : b;
  }
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
    const ns = bindings.get(expr.expression.text);
    if (ns?.kind === 'namespace') {
      const mod = SDK_MODULES[ns.module];
      const name = expr.name.text;
      return name === 'default' ? mod?.default : mod?.named[name];
    }
  }
  return undefined;
}
