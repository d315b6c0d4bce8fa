// Minimal, hand-written type stub of `@aws-sdk/client-bedrock-runtime` (the client and its model-running commands).

export interface BedrockRuntimeClientConfig {
  region?: string;
  endpoint?: string;
  maxAttempts?: number;
  retryMode?: string;
  requestHandler?: { handle(...args: unknown[]): unknown } | { requestTimeout?: number; connectionTimeout?: number; socketTimeout?: number };
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

export interface TokenUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
}

export interface ContentBlock {
  text?: string;
}

export interface Message {
  role: 'user' | 'assistant' | undefined;
  content: ContentBlock[] | undefined;
}

export interface SystemContentBlock {
  text?: string;
}

export interface InferenceConfiguration {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface ConverseCommandInput {
  modelId: string | undefined;
  messages?: Message[];
  system?: SystemContentBlock[];
  inferenceConfig?: InferenceConfiguration;
}

export interface ConverseCommandOutput {
  output: { message?: Message } | undefined;
  stopReason: string | undefined;
  usage: TokenUsage | undefined;
  metrics: { latencyMs: number | undefined } | undefined;
  $metadata: ResponseMetadata;
}

export interface ConverseStreamOutputEvent {
  messageStart?: { role: string | undefined };
  contentBlockDelta?: { delta: { text?: string } | undefined; contentBlockIndex: number | undefined };
  messageStop?: { stopReason: string | undefined };
  metadata?: { usage: TokenUsage | undefined; metrics: { latencyMs: number | undefined } | undefined };
}

export interface ConverseStreamCommandOutput {
  stream?: AsyncIterable<ConverseStreamOutputEvent>;
  $metadata: ResponseMetadata;
}

export interface InvokeModelCommandInput {
  modelId: string | undefined;
  body: Uint8Array | string | undefined;
  contentType?: string;
  accept?: string;
}

export interface InvokeModelCommandOutput {
  body: Uint8Array & { transformToString(encoding?: string): string };
  contentType: string | undefined;
  $metadata: ResponseMetadata;
}

export interface ResponseStreamEvent {
  chunk?: { bytes?: Uint8Array };
}

export interface InvokeModelWithResponseStreamCommandOutput {
  body: AsyncIterable<ResponseStreamEvent> | undefined;
  contentType: string | undefined;
  $metadata: ResponseMetadata;
}

declare abstract class Command<Input, Output> {
  readonly input: Input;
  protected readonly __output?: Output;
  constructor(input: Input);
}

export declare class ConverseCommand extends Command<ConverseCommandInput, ConverseCommandOutput> {}
export declare class ConverseStreamCommand extends Command<ConverseCommandInput, ConverseStreamCommandOutput> {}
export declare class InvokeModelCommand extends Command<InvokeModelCommandInput, InvokeModelCommandOutput> {}
export declare class InvokeModelWithResponseStreamCommand extends Command<InvokeModelCommandInput, InvokeModelWithResponseStreamCommandOutput> {}

export interface HttpHandlerOptions {
  abortSignal?: AbortSignal;
  requestTimeout?: number;
}

export declare class BedrockRuntimeClient {
  constructor(config?: BedrockRuntimeClientConfig);
  send<Input, Output>(command: Command<Input, Output>, options?: HttpHandlerOptions): Promise<Output>;
  destroy(): void;
}
