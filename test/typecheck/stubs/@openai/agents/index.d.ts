// Minimal, hand-written type stub of `@openai/agents` (the OpenAI Agents SDK for JavaScript), for type-checking the
// rule fixtures only. Members the fixtures never reach are left out rather than guessed.
import type OpenAI from 'openai';

export interface Model {
  readonly model?: string;
}

export interface ModelSettings {
  temperature?: number;
  maxTokens?: number;
}

export interface AgentConfiguration {
  name: string;
  /** Text, or a function computing it for each run. */
  instructions?: string | ((runContext: { context: unknown }, agent: Agent) => string | Promise<string>);
  model?: string | Model;
  modelSettings?: ModelSettings;
  tools?: unknown[];
  handoffs?: Agent[];
}

export declare class Agent {
  constructor(config: AgentConfiguration);
  static create(config: AgentConfiguration): Agent;
  readonly name: string;
}

export interface RunResult {
  readonly finalOutput?: string;
  readonly state: { readonly usage: { inputTokens: number; outputTokens: number; totalTokens: number } };
}

export interface RunOptions {
  context?: unknown;
  signal?: AbortSignal;
  maxTurns?: number;
}

export interface RunConfig {
  model?: string | Model;
  tracingDisabled?: boolean;
  workflowName?: string;
}

export declare class Runner {
  constructor(config?: RunConfig);
  run(agent: Agent, input: string | unknown[], options?: RunOptions): Promise<RunResult>;
}

export declare function run(agent: Agent, input: string | unknown[], options?: RunOptions): Promise<RunResult>;
export declare function setTracingDisabled(disabled: boolean): void;
export declare function setDefaultOpenAIClient(client: OpenAI): void;
export declare function withTrace<T>(name: string, fn: () => Promise<T>): Promise<T>;

export declare class OpenAIChatCompletionsModel implements Model {
  constructor(client: OpenAI, model: string);
  readonly model?: string;
}
