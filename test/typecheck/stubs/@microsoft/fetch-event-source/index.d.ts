// Minimal, hand-written type stub of `@microsoft/fetch-event-source` (v2): `fetchEventSource(url, init)`, a fetch
// whose reply is read as server-sent events.

export interface EventSourceMessage {
  id: string;
  event: string;
  data: string;
  retry?: number;
}

export interface FetchEventSourceInit extends RequestInit {
  headers?: Record<string, string>;
  onopen?: (response: Response) => Promise<void>;
  onmessage?: (ev: EventSourceMessage) => void;
  onclose?: () => void;
  onerror?: (err: any) => number | null | undefined | void;
  openWhenHidden?: boolean;
}

export function fetchEventSource(input: RequestInfo, init: FetchEventSourceInit): Promise<void>;
