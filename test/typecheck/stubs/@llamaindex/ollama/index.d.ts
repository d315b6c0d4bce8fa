// Minimal, hand-written type stub of `@llamaindex/ollama` (the Ollama LLM class only).
import type { LLM } from 'llamaindex';

export declare class Ollama implements LLM {
  constructor(init: { model: string; options?: { temperature?: number } });
  chat(params: { messages: { role: 'system' | 'user' | 'assistant' | 'memory'; content: string }[]; stream?: boolean }): Promise<{ message: { role: 'system' | 'user' | 'assistant' | 'memory'; content: string }; raw: unknown }>;
}
