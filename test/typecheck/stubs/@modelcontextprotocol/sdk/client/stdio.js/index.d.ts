// Minimal, hand-written type stub of `@modelcontextprotocol/sdk/client/stdio.js`.
import type { Transport } from '@modelcontextprotocol/sdk/client/index.js';

export interface StdioServerParameters {
  command: string;
  args?: string[];
  env?: Record<string, string>;
}

export declare class StdioClientTransport implements Transport {
  constructor(server: StdioServerParameters);
  start(): Promise<void>;
  close(): Promise<void>;
}
