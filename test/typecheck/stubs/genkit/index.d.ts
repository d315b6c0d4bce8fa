// Minimal, hand-written type stub of `genkit` (1.x): the instance made by `genkit({...})` and its generate calls.
export interface Part {
  text?: string;
  media?: { url: string; contentType?: string };
}
export interface MessageData {
  role: 'user' | 'model' | 'system' | 'tool';
  content: Part[];
}
export interface ModelReference {
  name: string;
}
export type ModelArgument = string | ModelReference;
export interface GenerationCommonConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
}
export interface GenerateResponseChunk {
  text: string;
}
export interface GenerateOptions {
  model?: ModelArgument;
  system?: string | Part | Part[];
  messages?: MessageData[];
  prompt?: string | Part | Part[];
  tools?: unknown[];
  config?: GenerationCommonConfig;
  maxTurns?: number;
  onChunk?: (chunk: GenerateResponseChunk) => void;
}
export interface GenerationUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}
export interface GenerateResponse {
  text: string;
  usage: GenerationUsage;
  media: { url: string; contentType?: string } | null;
}
export interface GenerateStreamResponse {
  stream: AsyncIterable<GenerateResponseChunk>;
  response: Promise<GenerateResponse>;
}
export interface GenkitPlugin {
  name: string;
}
export interface GenkitOptions {
  plugins?: GenkitPlugin[];
  model?: ModelArgument;
  promptDir?: string;
}
export interface PromptOptions {
  name: string;
  model?: ModelArgument;
  input?: { schema?: unknown };
  output?: { schema?: unknown; format?: string };
  system?: string;
  prompt?: string;
  config?: GenerationCommonConfig;
  tools?: unknown[];
}
export interface ExecutablePrompt<I> {
  (input: I): Promise<GenerateResponse & { output: unknown }>;
  stream(input: I): GenerateStreamResponse;
}
export declare class Genkit {
  generate(options: string | Part[] | GenerateOptions): Promise<GenerateResponse>;
  generateStream(options: string | Part[] | GenerateOptions): GenerateStreamResponse;
  definePrompt<I>(options: PromptOptions): ExecutablePrompt<I>;
  defineFlow<I, O>(config: string | { name: string }, fn: (input: I) => Promise<O>): (input: I) => Promise<O>;
}
export declare function genkit(options: GenkitOptions): Genkit;
