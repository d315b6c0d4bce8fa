import type { PromptPart, PromptSegment, Span, Volatility } from './types';

const TIME = /\b(Date\.now|new Date|toISOString|toLocaleString|toLocaleDateString|toLocaleTimeString|toUTCString|getTime|DateTimeFormat|performance\.now|datetime\.(?:datetime\.)?(?:now|utcnow|today)|date\.today|time\.time|time\.strftime|strftime|isoformat|timestamp|DateTime\.now|Temporal\.Now)\b|\b(?:dayjs|moment)\(|\b(now|today|timestamp|currentTime|current_time|currentDate|current_date)\b/i;
const RANDOM = /\b(Math\.random|randomUUID|uuid|uuid4|uuidv4|v4\(|nanoid|cuid|ulid|random\.|secrets\.|crypto\.random|randint|token_hex)\b/i;
const REQUEST_ID = /\b(req(?:uest)?[._]?id|request\.id|req\.id|session[._]?id|sessionId|trace[._]?id|traceId|span[._]?id|user[._]?id|userId|conversation[._]?id|conversationId|thread[._]?id|threadId|correlation[._]?id|correlationId|x-request-id|tenant[._]?id|tenantId)\b/i;

/** Today's date, not the time: `date.today()`, `.date()`, `toLocaleDateString()`, `toISOString().slice(0, 10)`. */
const DATE_CALL = /\bdate\.today\(\)|\.date\(\)|\bto(?:Locale)?DateString\(|toISOString\(\)\s*\.\s*(?:split\(\s*['"`]T['"`]\s*\)\s*\[\s*0\s*\]|(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\))/;
/** A name that says it holds a date (`today`, `current_date`, `todayStr`). */
const DATE_NAME = /^(today|todays?_?date|today_?str|current_?date|currentDate|date|date_?str|dateStr|todayStr|todayDate)$/i;
/** Format strings: strftime directives or moment / dayjs / date-fns tokens that print the time of day. */
const TIME_DIRECTIVE = /%[HIMSfpXcTRrsk]/;
const TIME_TOKEN = /[Hhms]|\bA\b|\ba\b|LLL|LT/;

/**
 * A date that changes once a day: its value stays the same across a day's requests, so it splits the cache daily,
 * not per request. Only when the text shows it: a time of day anywhere (`%H`, `HH:mm`, `isoformat()` of a
 * datetime) keeps it a timestamp.
 */
function isDateOnly(source: string): boolean {
  const s = source.trim();
  if (DATE_NAME.test(s)) return true;
  // `datetime.now().year`, `now.month`, `new Date().getFullYear()`: a calendar field.
  if (/\.\s*(year|month|day|weekday\(\)|isoweekday\(\)|getFullYear\(\)|getMonth\(\)|getDate\(\)|getDay\(\))\s*$/.test(s)) return true;
  const formats = [...s.matchAll(/\b(?:strftime|format)\(\s*(?:[^'"`]*?,\s*)?(['"`])((?:(?!\1).)*)\1/g)].map((m) => m[2]);
  if (formats.length) return formats.every((f) => (/%/.test(f) ? !TIME_DIRECTIVE.test(f) : !TIME_TOKEN.test(f.replace(/\[[^\]]*\]/g, ''))));
  // `toLocaleString('en-US', { dateStyle: 'full' })`, `new Intl.DateTimeFormat('en', { year, month, day })`: options
  // that name date parts only.
  if (/toLocale(?:Date)?String\(|DateTimeFormat\(/.test(s) && /\b(dateStyle|year|month|day|weekday)\b/.test(s) && !/\b(timeStyle|hour|minute|second|fractionalSecondDigits|dayPeriod)\b/.test(s)) return true;
  if (!DATE_CALL.test(s)) return false;
  // `date.today().isoformat()` is a date; `datetime.now().isoformat()` beside it is not.
  return !/\b(?:datetime\.(?:datetime\.)?(?:now|utcnow|today)\(\)(?!\s*\.\s*date\(\))|Date\.now|getTime|time\.time|performance\.now|toLocaleString|toLocaleTimeString|toUTCString)/.test(s) && !/toISOString\(\)(?!\s*\.\s*(?:split|slice|substring|substr)\b)/.test(s);
}

/** Classifies how an interpolated expression varies between requests, from its source text. */
export function classifyVolatility(source: string): Volatility {
  if (TIME.test(source)) return isDateOnly(source) ? 'date' : 'time';
  if (RANDOM.test(source)) return 'random';
  if (REQUEST_ID.test(source)) return 'request-id';
  return 'per-request';
}

/** Names that suggest a conversation history rather than a single input. */
export const HISTORY_NAME = /history|conversation|transcript|chat_?log|past_?messages|previous_?messages|prior_?messages|thread_?messages|^messages$|^msgs$/i;

/**
 * A prompt part built when its module loads (a module-level agent's prompt): its values are computed once for the
 * process, so every value in it is fixed text.
 */
export function computedOnce(part: PromptPart): PromptPart {
  return { ...part, segments: part.segments.map((seg) => (seg.kind === 'dynamic' ? { kind: 'static', text: seg.text, span: seg.span } : seg)) };
}

/**
 * A static segment split at a template's placeholders (Handlebars `{{question}}`, Google ADK's `{user:name}`, Semantic
 * Kernel's `{{$input}}`): each placeholder is a value filled on every request, the text around it stays static. `fills`
 * picks the matches that are placeholders (all by default); `spanOf` gives a placeholder a span of its own (else the
 * segment's). `placeholder` must be a global RegExp.
 */
export function withTemplatePlaceholders(
  seg: PromptSegment,
  placeholder: RegExp,
  fills: (match: RegExpMatchArray) => boolean = () => true,
  spanOf: (match: RegExpMatchArray) => Span = () => seg.span,
): PromptSegment[] {
  if (seg.kind !== 'static') return [seg];
  const out: PromptSegment[] = [];
  let last = 0;
  for (const m of seg.text.matchAll(placeholder)) {
    if (!fills(m)) continue;
    if (m.index! > last) out.push({ kind: 'static', text: seg.text.slice(last, m.index), span: seg.span });
    out.push({ kind: 'dynamic', text: m[0], span: spanOf(m), volatility: 'per-request' });
    last = m.index! + m[0].length;
  }
  if (last === 0) return [seg];
  if (last < seg.text.length) out.push({ kind: 'static', text: seg.text.slice(last), span: seg.span });
  return out;
}
