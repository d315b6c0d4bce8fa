// Minimal, hand-written type stub of `@huggingface/inference` (chat completion and text generation only).
interface Options {
  retry_on_error?: boolean;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

interface ChatCompletionInput {
  model?: string;
  provider?: string;
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  stream_options?: { include_usage?: boolean };
}

interface ChatCompletionOutput {
  model: string;
  choices: Array<{ message: { role: string; content?: string } }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

interface ChatCompletionStreamOutput {
  choices: Array<{ delta: { content?: string } }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

interface TextGenerationInput {
  model?: string;
  inputs: string;
  parameters?: { max_new_tokens?: number; temperature?: number };
}

export declare class InferenceClient {
  constructor(accessToken?: string, defaultOptions?: Options & { endpointUrl?: string });
  endpoint(endpointUrl: string): InferenceClient;
  chatCompletion(args: ChatCompletionInput, options?: Options): Promise<ChatCompletionOutput>;
  chatCompletionStream(args: ChatCompletionInput, options?: Options): AsyncGenerator<ChatCompletionStreamOutput>;
  textGeneration(args: TextGenerationInput, options?: Options): Promise<{ generated_text: string }>;
  textToImage(args: { model?: string; inputs: string }, options?: Options): Promise<Blob>;
}

export declare class HfInference extends InferenceClient {}
