// Minimal, hand-written type stub of `@mastra/core/mastra`: the instance that registers agents.
import type { Agent } from '@mastra/core/agent';
export interface MastraConfig {
  agents?: Record<string, Agent>;
  observability?: unknown;
  telemetry?: unknown;
  storage?: unknown;
}
export declare class Mastra {
  constructor(config?: MastraConfig);
  getAgent(name: string): Agent;
}
