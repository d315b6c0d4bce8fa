// Minimal, hand-written type stub of `express` (shaped like @types/express: CommonJS `export =`).
/// <reference types="node" />
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

declare global {
  namespace Express {
    // The augmentation point other packages' types extend (e.g. express-session adds `sessionID`).
    interface Request {}
    interface Response {}
  }
}

declare function e(): e.Express;

declare namespace e {
  interface ParamsDictionary {
    [key: string]: string;
  }

  interface Request extends IncomingMessage, Express.Request {
    /** Parsed by a body-parsing middleware such as `express.json()`; untyped. */
    body: any;
    params: ParamsDictionary;
    query: Record<string, string | string[] | undefined>;
    path: string;
    ip: string | undefined;
    get(name: string): string | undefined;
    header(name: string): string | undefined;
  }

  interface Response extends ServerResponse, Express.Response {
    status(code: number): this;
    json(body?: any): this;
    send(body?: any): this;
    sendStatus(code: number): this;
    set(field: string, value?: string | string[]): this;
    type(type: string): this;
    end(cb?: () => void): this;
    end(chunk: any, cb?: () => void): this;
    flushHeaders(): void;
  }

  type NextFunction = (err?: any) => void;
  type RequestHandler = (req: Request, res: Response, next: NextFunction) => void | Promise<void>;

  interface IRouter {
    get(path: string, ...handlers: RequestHandler[]): this;
    post(path: string, ...handlers: RequestHandler[]): this;
    put(path: string, ...handlers: RequestHandler[]): this;
    delete(path: string, ...handlers: RequestHandler[]): this;
    use(...handlers: Array<RequestHandler | IRouter>): this;
    use(path: string, ...handlers: Array<RequestHandler | IRouter>): this;
  }
  interface Router extends IRouter {}

  interface Express extends IRouter {
    listen(port: number, callback?: () => void): Server;
  }

  function Router(): Router;
  function json(options?: { limit?: string | number }): RequestHandler;
}

export = e;
