// What can be decided about a TypeScript/JavaScript file from its path and text alone, without the compiler:
// this module must not import TypeScript, so that a workspace with no LLM code in JS/TS never loads it.
import * as path from 'node:path';

export const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isTypeScriptLike(p: string): boolean {
  if (p.endsWith('.d.ts') || p.endsWith('.d.mts') || p.endsWith('.d.cts')) return false;
  return EXTENSIONS.includes(path.extname(p));
}

/** The language of a JS/TS path, or null for other files. */
export function scriptLanguageOf(p: string): 'javascript' | 'typescript' | null {
  if (!isTypeScriptLike(p)) return null;
  return /\.[cm]?jsx?$/.test(p) ? 'javascript' : 'typescript';
}

/** Text that may name an LLM SDK, a provider endpoint or an LLM call. */
export const SDK_MENTION = /openai|anthropic|cohere-ai|@ai-sdk|['"]ai['"]|langchain|@google\/genai|@google\/generative-ai|@huggingface\/inference|sendMessage|generativelanguage|googleapis|bedrock|openrouter|api\.groq|mistral\.ai|@mistralai|deepseek|helicone|together-ai|groq-sdk|chat[./]completions|messages\.(create|stream)|responses\.(create|stream|parse)|generate(Text|Object|Content)|genkit|@mastra\/core|\.generate(Stream)?\(|stream(Text|Object)|\.(invoke|stream|batch)\(|callTool|tools\/call|llamaindex|\.(chat|complete)\(\s*\{|engine\.(query|chat)\(/i;

/** Text that may use the MCP client SDK or send MCP tool calls. */
export const MCP_MENTION = /@modelcontextprotocol\/sdk|\.callTool\s*\(|tools\/call/;

/** Text that may hold facts even without an SDK import: keys, provider URLs, attribute names, prompt loads. */
const OTHER_MENTION = /gen_ai\.|sk-|AIza|https?:\/\/[^'"`\s]*(openai|anthropic|googleapis|groq|mistral|deepseek|openrouter|bedrock|cohere)|readFile|readTextFile|hub\.pull|findMany|lrange|instrumentation|traceloop|langfuse|openinference|helicone|braintrust|weave|Integration\(|llmobs|tracesSample|\b(from|find|aggregate|collection)\(\s*['"\w.]*(message|chat|history|conversation|turn|transcript)/i;

/** False when the text provably holds no fact: the file is then not parsed at all. */
export function mayHoldFacts(text: string): boolean {
  return SDK_MENTION.test(text) || OTHER_MENTION.test(text) || MCP_MENTION.test(text);
}
