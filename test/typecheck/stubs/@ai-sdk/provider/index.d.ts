// Minimal, hand-written type stub of `@ai-sdk/provider`: the model interface that provider
// packages return and `ai` consumes. Only the identifying members are declared.

export interface LanguageModelV2 {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> | PromiseLike<Record<string, RegExp[]>>;
  doGenerate(options: unknown): PromiseLike<unknown>;
  doStream(options: unknown): PromiseLike<unknown>;
}

export interface EmbeddingModelV2<VALUE> {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  doEmbed(options: { values: VALUE[]; abortSignal?: AbortSignal }): PromiseLike<unknown>;
}

export type JSONValue = null | string | number | boolean | { [key: string]: JSONValue } | JSONValue[];
export type SharedV2ProviderOptions = Record<string, Record<string, JSONValue>>;
export type SharedV2ProviderMetadata = Record<string, Record<string, JSONValue>>;
