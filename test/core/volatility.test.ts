// How a prompt value varies between requests, from its source text: a timestamp busts the prefix cache on every
// request, today's date once a day.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyVolatility } from '../../server/src/core/volatility';

const cases: Array<[string, string]> = [
  ['date.today()', 'date'],
  ['date.today().isoformat()', 'date'],
  ['datetime.date.today()', 'date'],
  ['datetime.now().date()', 'date'],
  ['datetime.now().strftime("%Y-%m-%d")', 'date'],
  ["datetime.now(timezone.utc).strftime('%A, %B %d, %Y')", 'date'],
  ["new Date().toISOString().split('T')[0]", 'date'],
  ['new Date().toISOString().slice(0, 10)', 'date'],
  ["new Date().toLocaleDateString('en-US', { dateStyle: 'long' })", 'date'],
  ['new Date().toDateString()', 'date'],
  ["format(new Date(), 'yyyy-MM-dd')", 'date'],
  ["dayjs().format('YYYY-MM-DD')", 'date'],
  ['today', 'date'],
  ["new Date().toLocaleString('en-US', { dateStyle: 'full' })", 'date'],
  ["new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date())", 'date'],
  ["new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit' }).format(new Date())", 'time'],
  ["new Date().toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short' })", 'time'],
  ['datetime.now().year', 'date'],
  ['new Date().getFullYear()', 'date'],
  ['current_date', 'date'],
  // A time of day anywhere keeps it a timestamp.
  ['datetime.today()', 'time'],
  ['datetime.now()', 'time'],
  ['datetime.now().isoformat()', 'time'],
  ['datetime.utcnow().isoformat()', 'time'],
  ['datetime.now().strftime("%Y-%m-%d %H:%M")', 'time'],
  ['new Date().toISOString()', 'time'],
  ['new Date().toLocaleString()', 'time'],
  ["format(new Date(), 'yyyy-MM-dd HH:mm')", 'time'],
  ["moment().format('LLL')", 'time'],
  ['Date.now()', 'time'],
  ['time.time()', 'time'],
  ['now', 'time'],
  ['current_time', 'time'],
  ['uuid4()', 'random'],
  ['request_id', 'request-id'],
  ['question', 'per-request'],
];

describe('classifyVolatility', () => {
  for (const [source, expected] of cases) it(`${source} → ${expected}`, () => assert.equal(classifyVolatility(source), expected));
});
