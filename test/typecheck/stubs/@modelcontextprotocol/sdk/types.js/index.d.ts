// Minimal, hand-written type stub of `@modelcontextprotocol/sdk/types.js` (what the fixtures use).

/** What a zod schema gives a caller: a parser of the result. */
export interface Schema<T> {
  parse(value: unknown): T;
}

export interface Implementation {
  name: string;
  version: string;
  title?: string;
}

/** `params._meta`: a progress token and anything else, including `traceparent` / `tracestate`. */
export interface RequestMeta {
  progressToken?: string | number;
  [key: string]: unknown;
}

export interface CallToolRequestParams {
  name: string;
  arguments?: Record<string, unknown>;
  _meta?: RequestMeta;
}

export interface ContentBlock {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface CallToolResult {
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface Tool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

export declare const CallToolResultSchema: Schema<CallToolResult>;
