// Deno's standard library HTTP server as its 0.x releases exported it (`https://deno.land/std@0.168.0/http/server.ts`).
export type Handler = (request: Request) => Response | Promise<Response>;
export function serve(handler: Handler, options?: { port?: number; signal?: AbortSignal }): Promise<void>;
