// Minimal, hand-written type stub of `express-session` (shaped like @types/express-session: it adds
// `session` and `sessionID` to every Express request once its types are part of the program).
import type { RequestHandler } from 'express';

declare global {
  namespace Express {
    interface Request {
      session: session.Session & Partial<session.SessionData>;
      sessionID: string;
    }
  }
}

declare function session(options?: session.SessionOptions): RequestHandler;

declare namespace session {
  interface SessionData {
    [key: string]: unknown;
  }
  interface Session {
    id: string;
    regenerate(callback: (err: any) => void): this;
    destroy(callback: (err: any) => void): this;
    save(callback?: (err: any) => void): this;
  }
  interface CookieOptions {
    maxAge?: number;
    secure?: boolean | 'auto';
    httpOnly?: boolean;
    sameSite?: boolean | 'lax' | 'strict' | 'none';
  }
  interface SessionOptions {
    secret: string | string[];
    name?: string;
    cookie?: CookieOptions;
    resave?: boolean;
    saveUninitialized?: boolean;
    rolling?: boolean;
    genid?(req: Express.Request): string;
  }
}

export = session;
