// Minimal, hand-written type stub of `@mastra/core/agent` (0.x and 1.x): an agent's settings and its runs.
export interface ModelWithRetries {
  model: string | object | ((ctx: { requestContext: Map<string, unknown> }) => unknown);
  maxRetries?: number;
}
export interface AgentConfig {
  id?: string;
  name: string;
  description?: string;
  instructions: string | ((ctx: { requestContext: Map<string, unknown> }) => string);
  model: string | object | ((ctx: { requestContext: Map<string, unknown> }) => unknown);
  tools?: Record<string, unknown>;
  agents?: Record<string, Agent>;
  memory?: unknown;
  maxRetries?: number;
  defaultOptions?: { modelSettings?: { maxRetries?: number; maxOutputTokens?: number } };
}
export interface AgentResult {
  text: string;
  usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
}
export declare class Agent {
  constructor(config: AgentConfig);
  generate(input: unknown, options?: Record<string, unknown>): Promise<AgentResult>;
  stream(input: unknown, options?: Record<string, unknown>): Promise<{ textStream: AsyncIterable<string> }>;
}
