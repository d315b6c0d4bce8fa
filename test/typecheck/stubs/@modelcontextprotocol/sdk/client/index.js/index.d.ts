// Minimal, hand-written type stub of `@modelcontextprotocol/sdk/client/index.js` (the MCP client).
import type { CallToolRequestParams, CallToolResult, Implementation, Schema, Tool } from '@modelcontextprotocol/sdk/types.js';

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
}

export interface Transport {
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ClientOptions {
  capabilities?: Record<string, unknown>;
}

export declare class Client {
  constructor(clientInfo: Implementation, options?: ClientOptions);
  connect(transport: Transport, options?: RequestOptions): Promise<void>;
  callTool(params: CallToolRequestParams, resultSchema?: Schema<CallToolResult>, options?: RequestOptions): Promise<CallToolResult>;
  listTools(params?: { cursor?: string }, options?: RequestOptions): Promise<{ tools: Tool[]; nextCursor?: string }>;
  request<T>(request: { method: string; params?: Record<string, unknown> }, resultSchema: Schema<T>, options?: RequestOptions): Promise<T>;
  close(): Promise<void>;
}
