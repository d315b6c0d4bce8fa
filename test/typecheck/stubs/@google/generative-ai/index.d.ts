// Minimal, hand-written type stub of `@google/generative-ai` (0.24, the deprecated Gemini JS SDK).
export interface Part {
  text?: string;
  inlineData?: { mimeType: string; data: string };
}
export interface Content {
  role: string;
  parts: Part[];
}
export interface GenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  responseMimeType?: string;
}
export interface ModelParams {
  model: string;
  systemInstruction?: string | Part | Content;
  generationConfig?: GenerationConfig;
}
export interface RequestOptions {
  timeout?: number;
  baseUrl?: string;
  apiVersion?: string;
}
/** What a single request takes (`generateContent(request, { timeout, signal })`). */
export interface SingleRequestOptions extends RequestOptions {
  signal?: AbortSignal;
}
export interface GenerateContentRequest {
  contents: Content[];
  systemInstruction?: string | Part | Content;
  generationConfig?: GenerationConfig;
}
export interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
}
export interface EnhancedGenerateContentResponse {
  text(): string;
  usageMetadata?: UsageMetadata;
}
export interface GenerateContentResult {
  response: EnhancedGenerateContentResponse;
}
export interface GenerateContentStreamResult {
  stream: AsyncGenerator<EnhancedGenerateContentResponse>;
  response: Promise<EnhancedGenerateContentResponse>;
}
export interface StartChatParams {
  history?: Content[];
  generationConfig?: GenerationConfig;
}
export declare class ChatSession {
  sendMessage(request: string | Array<string | Part>, requestOptions?: SingleRequestOptions): Promise<GenerateContentResult>;
  sendMessageStream(request: string | Array<string | Part>, requestOptions?: SingleRequestOptions): Promise<GenerateContentStreamResult>;
  getHistory(): Promise<Content[]>;
}
export declare class GenerativeModel {
  model: string;
  generateContent(request: GenerateContentRequest | string | Array<string | Part>, requestOptions?: SingleRequestOptions): Promise<GenerateContentResult>;
  generateContentStream(request: GenerateContentRequest | string | Array<string | Part>, requestOptions?: SingleRequestOptions): Promise<GenerateContentStreamResult>;
  startChat(startChatParams?: StartChatParams): ChatSession;
}
export declare class GoogleGenerativeAI {
  apiKey: string;
  constructor(apiKey: string);
  getGenerativeModel(modelParams: ModelParams, requestOptions?: RequestOptions): GenerativeModel;
}
