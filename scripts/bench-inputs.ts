// Generated inputs for the benchmark (and for profiling by hand): dense and typical TypeScript, dense Python, a tree.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A 2,000-line TypeScript service dense with LLM calls, retry loops and prompts. */
export function denseTypeScript(lines: number): string {
  const head = `import OpenAI from 'openai';\nimport Anthropic from '@anthropic-ai/sdk';\nimport { generateText } from 'ai';\nimport { openai as aiOpenai } from '@ai-sdk/openai';\n\nconst client = new OpenAI();\nconst claude = new Anthropic({ timeout: 60_000 });\nconst SYSTEM = \`You are a careful assistant. Answer in at most three sentences and cite sources.\`;\n\n`;
  const blocks: string[] = [];
  let i = 0;
  while ((head + blocks.join('')).split('\n').length < lines) {
    blocks.push(
      `export async function handler${i}(q: string) {\n` +
        `  for (let attempt = 0; attempt < 3; attempt++) {\n` +
        `    try {\n` +
        `      const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: \`\${SYSTEM} Today is \${new Date().toISOString()}\` }, { role: 'user', content: q }] });\n` +
        `      return r.choices[0].message.content;\n` +
        `    } catch (err) {\n` +
        `      console.warn(err);\n` +
        `    }\n` +
        `  }\n` +
        `  const m = await claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: SYSTEM, messages: [{ role: 'user', content: q }] });\n` +
        `  const { text } = await generateText({ model: aiOpenai('gpt-4o-mini'), prompt: q });\n` +
        `  return [m.content, text];\n` +
        `}\n\n`,
    );
    i++;
  }
  return head + blocks.join('');
}

/** 2,000 lines of ordinary service code with an LLM call every ~40 lines (≈50 call sites). */
export function typicalTypeScript(lines: number): string {
  const dense = denseTypeScript(60).split('\n');
  const filler = (k: number) =>
    `export function helper${k}(items: Array<{ id: string; score: number }>, limit = 10) {\n  const sorted = [...items].sort((a, b) => b.score - a.score);\n  const top = sorted.slice(0, limit);\n  return top.map((item, i) => ({ ...item, rank: i + 1, label: \`#\${i + 1} \${item.id}\` }));\n}\n`;
  const out = dense.slice(0, 9);
  let k = 0;
  while (out.length < lines) {
    const block = dense.slice(9, 23).map((l) => l.replace(/handler\d+/, `handler${k}`));
    out.push(...block, ...Array.from({ length: 5 }, (_, j) => filler(k * 5 + j)).join('\n').split('\n'));
    k++;
  }
  return out.join('\n');
}

/** A 3,000-line Python service (FastAPI handlers, retries, several SDKs). */
export function densePython(lines: number): string {
  const head = 'import os\nfrom datetime import datetime\nfrom fastapi import FastAPI\nfrom openai import OpenAI\nfrom anthropic import Anthropic\n\napp = FastAPI()\nclient = OpenAI()\nclaude = Anthropic(timeout=60)\nSYSTEM = "You are a careful assistant. Answer in at most three sentences and cite sources."\n\n';
  const blocks: string[] = [];
  let i = 0;
  while ((head + blocks.join('')).split('\n').length < lines) {
    blocks.push(
      `@app.post("/ask/${i}")\n` +
        `def handler_${i}(q: str):\n` +
        `    for attempt in range(3):\n` +
        `        try:\n` +
        `            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": f"{SYSTEM} Today is {datetime.now()}"}, {"role": "user", "content": q}])\n` +
        `            return r.choices[0].message.content\n` +
        `        except Exception as e:\n` +
        `            print(e)\n` +
        `    m = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=SYSTEM, messages=[{"role": "user", "content": q}])\n` +
        `    return m.content\n\n\n` +
        `def helper_${i}(items, limit=10):\n    ranked = sorted(items, key=lambda x: x["score"], reverse=True)\n    return [dict(item, rank=n + 1) for n, item in enumerate(ranked[:limit])]\n\n\n`,
    );
    i++;
  }
  return head + blocks.join('');
}

/** A tree where most files import no LLM SDK (what real repositories look like). */
export function generateTree(dir: string, files: number): number {
  let bytes = 0;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `pkg${i % 40}`, `mod${i % 7}`);
    fs.mkdirSync(sub, { recursive: true });
    const llm = i % 25 === 0;
    const python = i % 3 === 0;
    const body = python
      ? llm
        ? densePython(150)
        : Array.from({ length: 60 }, (_, k) => `def util_${k}(a: int, b: str) -> str:\n    x = a * ${k} + len(b)\n    return f"{b}-{x}".zfill(${k % 10})\n`).join('\n\n')
      : llm
        ? denseTypeScript(120)
        : Array.from({ length: 60 }, (_, k) => `export function util${k}(a: number, b: string): string {\n  const x = a * ${k} + b.length;\n  return \`\${b}-\${x}\`.padStart(${k % 10}, '0');\n}\n`).join('\n');
    fs.writeFileSync(path.join(sub, `file${i}.${python ? 'py' : 'ts'}`), body);
    bytes += Buffer.byteLength(body);
  }
  return bytes;
}
