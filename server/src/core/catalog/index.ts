// The versioned data catalogue: everything about models, SDKs, providers and infrastructure that changes over time.
export * from './models';
export * from './sdk-defaults';
export * from './providers';
export * from './infra-defaults';
export * from './genai-semconv';
export * from './task-queue-defaults';
export * from './retry-library-defaults';
export * from './agent-frameworks';
export * from './genkit';
export * from './mastra';
