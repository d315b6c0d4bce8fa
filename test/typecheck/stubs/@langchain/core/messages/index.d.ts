// Minimal, hand-written type stub of `@langchain/core/messages`.

export type MessageType = 'human' | 'ai' | 'generic' | 'developer' | 'system' | 'function' | 'tool' | 'remove';

export type MessageContentText = { type: 'text'; text: string };
export type MessageContentImageUrl = { type: 'image_url'; image_url: string | { url: string; detail?: 'auto' | 'low' | 'high' } };
export type MessageContentComplex = MessageContentText | MessageContentImageUrl | (Record<string, any> & { type?: string });
export type MessageContent = string | Array<MessageContentComplex>;

export interface BaseMessageFields {
  content: MessageContent;
  name?: string;
  additional_kwargs?: Record<string, unknown>;
  response_metadata?: Record<string, any>;
  id?: string;
}

export declare abstract class BaseMessage implements BaseMessageFields {
  content: MessageContent;
  name?: string;
  additional_kwargs: Record<string, unknown>;
  response_metadata: Record<string, any>;
  id?: string;
  /** The message's text content, joined. */
  get text(): string;
  getType(): MessageType;
  constructor(fields: string | BaseMessageFields);
}

export interface InputTokenDetails {
  audio?: number;
  cache_read?: number;
  cache_creation?: number;
}
export interface OutputTokenDetails {
  audio?: number;
  reasoning?: number;
}
/** Token counts that chat models report on their AI messages. */
export interface UsageMetadata {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_token_details?: InputTokenDetails;
  output_token_details?: OutputTokenDetails;
}

export interface ToolCall {
  name: string;
  args: Record<string, any>;
  id?: string;
  type?: 'tool_call';
}

export interface AIMessageFields extends BaseMessageFields {
  tool_calls?: ToolCall[];
  usage_metadata?: UsageMetadata;
}

export declare class AIMessage extends BaseMessage {
  tool_calls?: ToolCall[];
  usage_metadata?: UsageMetadata;
  constructor(fields: string | AIMessageFields);
}
export declare class AIMessageChunk extends BaseMessage {
  tool_calls?: ToolCall[];
  usage_metadata?: UsageMetadata;
  constructor(fields: string | AIMessageFields);
  concat(chunk: AIMessageChunk): AIMessageChunk;
}
export declare class HumanMessage extends BaseMessage {}
export declare class SystemMessage extends BaseMessage {}
export declare class ToolMessage extends BaseMessage {
  tool_call_id: string;
  constructor(fields: BaseMessageFields & { tool_call_id: string });
}

export type MessageFieldWithRole = { role: MessageType | 'user' | 'assistant' | (string & {}); content: MessageContent; name?: string };
/** Anything the chat models accept as one message: a message object, `{ role, content }`, a `[role, content]` pair or a string. */
export type BaseMessageLike = BaseMessage | MessageFieldWithRole | [MessageType | 'user' | 'assistant' | 'placeholder' | (string & {}), MessageContent] | string;

export interface TrimMessagesFields {
  maxTokens: number;
  tokenCounter: ((messages: BaseMessage[]) => number | Promise<number>) | import('../language_models/chat_models').BaseChatModel;
  strategy?: 'first' | 'last';
  includeSystem?: boolean;
}
/** Called with options only, a runnable that keeps the messages that fit in `maxTokens`. */
export declare function trimMessages(options: TrimMessagesFields): import('../runnables').Runnable<BaseMessage[], BaseMessage[]>;
