// Minimal, hand-written type stub of `@mastra/observability` (1.x).
export declare class DefaultExporter {}
export declare class Observability {
  constructor(config: { configs: Record<string, { serviceName: string; exporters: unknown[] }> });
}
