import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { openai } from '@/lib/llm';
import { TOOLS } from '@/lib/tools';

// The support team's MCP server runs the tools; this route runs the agent loop.
const mcp = new Client({ name: 'chat-service', version: '1.0.0' });
const connected = mcp.connect(new StreamableHTTPClientTransport(new URL(process.env.MCP_SERVER_URL ?? 'http://mcp:3001/mcp')));

export async function POST(req: Request) {
  const started = performance.now();
  const { question, allowedTools } = (await req.json()) as { question: string; allowedTools: string[] };
  await connected;
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }];
  for (let turn = 0; turn < 6; turn++) {
    const res = await openai.chat.completions.create({
      model: 'gpt-4o',
      // Only the tools this user's plan allows: a different prefix per plan, so the 1,200 tokens of tools rarely hit the cache.
      tools: TOOLS.filter((t) => allowedTools.includes(t.function.name)),
      messages,
    });
    const message = res.choices[0].message;
    if (!message.tool_calls?.length) {
      console.log('POST /api/agent', Math.round(performance.now() - started), 'ms');
      return Response.json({ answer: message.content });
    }
    messages.push(message);
    for (const call of message.tool_calls) {
      const result = await mcp.callTool({ name: call.function.name, arguments: JSON.parse(call.function.arguments) });
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result.content) });
    }
  }
  return Response.json({ answer: null }, { status: 504 });
}
