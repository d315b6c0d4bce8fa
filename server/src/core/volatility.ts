import type { Volatility } from './types';

const TIME = /\b(Date\.now|new Date|toISOString|toLocaleString|toLocaleDateString|toLocaleTimeString|toUTCString|getTime|performance\.now|datetime\.(?:datetime\.)?(?:now|utcnow|today)|date\.today|time\.time|time\.strftime|strftime|isoformat|timestamp|dayjs\(|moment\(|DateTime\.now|Temporal\.Now)\b|\b(now|today|timestamp|currentTime|current_time|currentDate|current_date)\b/i;
const RANDOM = /\b(Math\.random|randomUUID|uuid|uuid4|uuidv4|v4\(|nanoid|cuid|ulid|random\.|secrets\.|crypto\.random|randint|token_hex)\b/i;
const REQUEST_ID = /\b(req(?:uest)?[._]?id|request\.id|req\.id|session[._]?id|sessionId|trace[._]?id|traceId|span[._]?id|user[._]?id|userId|conversation[._]?id|conversationId|thread[._]?id|threadId|correlation[._]?id|correlationId|x-request-id|tenant[._]?id|tenantId)\b/i;

/** Classifies how an interpolated expression varies between requests, from its source text. */
export function classifyVolatility(source: string): Volatility {
  if (TIME.test(source)) return 'time';
  if (RANDOM.test(source)) return 'random';
  if (REQUEST_ID.test(source)) return 'request-id';
  return 'per-request';
}

/** Names that suggest a conversation history rather than a single input. */
export const HISTORY_NAME = /history|conversation|transcript|chat_?log|past_?messages|previous_?messages|prior_?messages|thread_?messages|^messages$|^msgs$/i;
