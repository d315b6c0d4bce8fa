// Minimal, hand-written type stub of `@langchain/community/stores/message/upstash_redis`.
import type { BaseMessage } from '../../../../core/messages';
import { BaseListChatMessageHistory } from '../../../../core/chat_history';

export interface UpstashRedisChatMessageHistoryInput {
  sessionId: string;
  sessionTTL?: number;
  config?: { url: string; token: string };
}

export declare class UpstashRedisChatMessageHistory extends BaseListChatMessageHistory {
  constructor(fields: UpstashRedisChatMessageHistoryInput);
  getMessages(): Promise<BaseMessage[]>;
  addMessage(message: BaseMessage): Promise<void>;
  clear(): Promise<void>;
}
