import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { complete } from '@/lib/llm';

export async function POST(req: Request) {
  const { text } = await req.json();
  const { text: title } = await generateText({ model: openai('gpt-4o'), prompt: `Give this thread a six-word title:\n${text}` });
  const tags = await complete(`Tag this thread: ${text}`);
  return Response.json({ title, tags });
}
