// Minimal, hand-written type stub of `next/server`.

export declare class NextRequest extends Request {
  readonly nextUrl: URL;
  readonly cookies: { get(name: string): { name: string; value: string } | undefined };
}

export declare class NextResponse<Body = unknown> extends Response {
  static json<JsonBody>(body: JsonBody, init?: ResponseInit): NextResponse<JsonBody>;
  static redirect(url: string | URL, init?: number | ResponseInit): NextResponse;
  static rewrite(destination: string | URL, init?: ResponseInit): NextResponse;
  static next(init?: ResponseInit): NextResponse;
}
