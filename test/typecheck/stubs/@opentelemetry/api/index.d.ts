// Minimal, hand-written type stub of `@opentelemetry/api` (tracing, context propagation and metrics).

export type AttributeValue =
  | string
  | number
  | boolean
  | Array<null | undefined | string>
  | Array<null | undefined | number>
  | Array<null | undefined | boolean>;
export interface Attributes {
  [attributeKey: string]: AttributeValue | undefined;
}

export declare enum SpanStatusCode {
  UNSET = 0,
  OK = 1,
  ERROR = 2,
}
export declare enum SpanKind {
  INTERNAL = 0,
  SERVER = 1,
  CLIENT = 2,
  PRODUCER = 3,
  CONSUMER = 4,
}

export interface SpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

export interface Span {
  spanContext(): SpanContext;
  setAttribute(key: string, value: AttributeValue): this;
  setAttributes(attributes: Attributes): this;
  addEvent(name: string, attributesOrStartTime?: Attributes | number | Date, startTime?: number | Date): this;
  setStatus(status: { code: SpanStatusCode; message?: string }): this;
  updateName(name: string): this;
  end(endTime?: number | Date): void;
  isRecording(): boolean;
  recordException(exception: Error | string, time?: number | Date): void;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  startTime?: number | Date;
  root?: boolean;
}

export interface Context {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): Context;
  deleteValue(key: symbol): Context;
}

export interface Tracer {
  startSpan(name: string, options?: SpanOptions, context?: Context): Span;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
}

export interface TraceAPI {
  getTracer(name: string, version?: string): Tracer;
  getActiveSpan(): Span | undefined;
}

export declare const trace: TraceAPI;

export interface ContextAPI {
  active(): Context;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F>;
}

export declare const context: ContextAPI;

export interface TextMapSetter<Carrier> {
  set(carrier: Carrier, key: string, value: string): void;
}

export interface TextMapGetter<Carrier> {
  keys(carrier: Carrier): string[];
  get(carrier: Carrier, key: string): undefined | string | string[];
}

export interface PropagationAPI {
  inject<Carrier>(context: Context, carrier: Carrier, setter?: TextMapSetter<Carrier>): void;
  extract<Carrier>(context: Context, carrier: Carrier, getter?: TextMapGetter<Carrier>): Context;
}

export declare const propagation: PropagationAPI;

export interface MetricOptions {
  description?: string;
  unit?: string;
}

export interface Histogram {
  record(value: number, attributes?: Attributes): void;
}

export interface Counter {
  add(value: number, attributes?: Attributes): void;
}

export interface Meter {
  createHistogram(name: string, options?: MetricOptions): Histogram;
  createCounter(name: string, options?: MetricOptions): Counter;
}

export interface MetricsAPI {
  getMeter(name: string, version?: string): Meter;
}

export declare const metrics: MetricsAPI;
