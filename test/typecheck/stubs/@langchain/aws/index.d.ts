// Minimal, hand-written type stub of `@langchain/aws` (the AWS SDK client's settings go in `clientOptions`).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatBedrockConverseInput extends BaseChatModelParams {
  model?: string;
  region?: string;
  /** A host: requests go to `https://${endpointHost}`. */
  endpointHost?: string;
  temperature?: number;
  maxTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
  clientOptions?: { maxAttempts?: number; endpoint?: string };
}

export declare class ChatBedrockConverse extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatBedrockConverseInput);
  model: string;
}
