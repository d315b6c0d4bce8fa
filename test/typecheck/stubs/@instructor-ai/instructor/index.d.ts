// Minimal, hand-written type stub of `@instructor-ai/instructor`: the wrapper and its structured create().
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai';
import type { ZodType } from 'zod';

type Mode = 'FUNCTIONS' | 'TOOLS' | 'JSON' | 'MD_JSON' | 'JSON_SCHEMA';

interface StructuredParams<T> {
  model: string;
  messages: ChatCompletionMessageParam[];
  response_model: { schema: ZodType<T>; name: string; description?: string };
  max_retries?: number;
  max_tokens?: number;
  temperature?: number;
  stream?: false;
}

interface InstructorClient {
  chat: { completions: { create<T>(params: StructuredParams<T>): Promise<T> } };
}

export default function Instructor(args: { client: OpenAI; mode: Mode; debug?: boolean }): InstructorClient;
