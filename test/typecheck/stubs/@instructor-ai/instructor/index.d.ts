// Minimal, hand-written type stub of `@instructor-ai/instructor`: the wrapper, its structured create() (whole or as
// a stream of partial objects), and the plain requests it hands on to the client.
import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, Stream } from 'openai';
import type { ZodType } from 'zod';

type Mode = 'FUNCTIONS' | 'TOOLS' | 'JSON' | 'MD_JSON' | 'JSON_SCHEMA';

interface StructuredParams<T> {
  model: string;
  messages: ChatCompletionMessageParam[];
  response_model: { schema: ZodType<T>; name: string; description?: string };
  max_retries?: number;
  max_tokens?: number;
  temperature?: number;
}

interface InstructorClient {
  chat: {
    completions: {
      create<T>(params: StructuredParams<T> & { stream: true }): Promise<AsyncGenerator<Partial<T>, void, unknown>>;
      create<T>(params: StructuredParams<T> & { stream?: false }): Promise<T>;
      create(params: ChatCompletionCreateParamsStreaming): Promise<Stream<ChatCompletionChunk>>;
    };
  };
}

export default function Instructor(args: { client: OpenAI; mode: Mode; debug?: boolean }): InstructorClient;
