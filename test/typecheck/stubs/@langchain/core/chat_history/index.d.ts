// Minimal, hand-written type stub of `@langchain/core/chat_history`.
import type { BaseMessage } from '../messages';

export declare abstract class BaseChatMessageHistory {
  abstract getMessages(): Promise<BaseMessage[]>;
  abstract addMessage(message: BaseMessage): Promise<void>;
  addMessages(messages: BaseMessage[]): Promise<void>;
  addUserMessage(message: string): Promise<void>;
  /** @deprecated use `addAIMessage` */
  addAIChatMessage(message: string): Promise<void>;
  addAIMessage(message: string): Promise<void>;
  abstract clear(): Promise<void>;
}

export declare abstract class BaseListChatMessageHistory extends BaseChatMessageHistory {}

export declare class InMemoryChatMessageHistory extends BaseListChatMessageHistory {
  constructor(messages?: BaseMessage[]);
  getMessages(): Promise<BaseMessage[]>;
  addMessage(message: BaseMessage): Promise<void>;
  clear(): Promise<void>;
}
