import { readFile } from 'node:fs/promises';
import { openai } from '@/lib/llm';
import { prisma } from '@/lib/db';

export async function POST(req: Request) {
  const { conversationId, message } = await req.json();
  const systemPrompt = await readFile('prompts/system.md', 'utf8');
  const history = await prisma.message.findMany({
    where: { conversationId },
    orderBy: { createdAt: 'asc' },
  });
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages: [
      { role: 'system', content: `Request ${conversationId} at ${new Date().toISOString()}.\n${systemPrompt}\n${POLICY}` },
      ...history.map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      { role: 'user', content: message },
    ],
  });
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream({
      async start(controller) {
        for await (const chunk of stream) controller.enqueue(encoder.encode(chunk.choices[0]?.delta?.content ?? ''));
        controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );
}

const POLICY = `Policies you must follow on every answer:
1. Never promise refunds; link to the refund policy article instead and explain the 30-day window.
2. Never ask for passwords, one-time codes or full card numbers; if a customer offers them, tell them to rotate the secret.
3. Escalate to a human agent when the customer mentions legal action, a data breach, or an accessibility barrier.
4. Answer in the customer's language; if unsure, answer in English and offer to switch.
5. Keep answers under 120 words unless the customer asks for step-by-step instructions.
6. Quote prices only from the pricing article, with the date it was last updated.
7. When an article is outdated, say so and open an internal ticket with the article id.`;
