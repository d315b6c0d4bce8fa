// Minimal, hand-written type stub of `langchain/llms/openai` (LangChain.js < 0.1, re-exported from @langchain/openai since).
export { OpenAI, type OpenAIInput } from '@langchain/openai';
