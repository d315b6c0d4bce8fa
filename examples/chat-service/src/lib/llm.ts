import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

// One client for the whole service: no timeout, no gateway, the SDK's default retries.
export const openai = new OpenAI();

export const anthropic = new Anthropic({
  apiKey: 'sk-ant-api03-Zq8vT2mLk9Xw4Rb7Np1Hs6Dc3Fg5Jy0Ue8Io2Pa4Sd6Fh-AbCdEfGh',
});

export async function complete(prompt: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await openai.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: prompt }],
      });
      return res.choices[0].message.content ?? '';
    } catch (err) {
      console.warn('retrying', err);
    }
  }
  throw new Error('LLM unavailable');
}
