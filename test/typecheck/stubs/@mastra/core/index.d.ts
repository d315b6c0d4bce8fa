// Minimal, hand-written type stub of `@mastra/core` (its root re-exports the agent and the instance).
export { Agent } from '@mastra/core/agent';
export { Mastra } from '@mastra/core/mastra';
