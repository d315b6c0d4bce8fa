// `llm-infra-lint report` and its progress bar: markdown, JSON and HTML on stdout or --out, progress only on a TTY.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORT_FORMATS } from '../../server/src/cli/args';
import { main } from '../../server/src/cli/main';
import { render } from '../../server/src/cli/commands/report';
import { createProgressBar, renderBar } from '../../server/src/cli/progress';
import { assertValidReport, FIXTURE, fixtureReport } from './helpers';
import { tempDir } from '../helpers/temp-dir';

function io(cwd: string, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      cwd,
      env: { TERM: 'xterm' } as NodeJS.ProcessEnv,
      stdout: { write: (s: string) => out.push(s), isTTY: tty },
      stderr: { write: (s: string) => err.push(s), isTTY: tty, columns: 80 },
      version: '0.0.0-test',
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('cli: report', () => {
  it('prints markdown with the summary first, then the call sites', async () => {
    const t = io(FIXTURE);
    assert.equal(await main(['report'], t.io), 0);
    const md = t.stdout();
    assert.ok(md.indexOf('## Top costs') < md.indexOf('## Top savings'));
    assert.ok(md.indexOf('## Top savings') < md.indexOf('## Call sites'));
    assert.match(md, /## Totals per service/);
    assert.match(md, /## Usage semantics/);
    assert.equal(t.stderr(), '', 'no progress output on a pipe');
  });

  it('prints JSON that matches the schema', async () => {
    const t = io(FIXTURE);
    assert.equal(await main(['report', '--format', 'json', '--calls-per-day', '300'], t.io), 0);
    const json = JSON.parse(t.stdout()) as { callsPerDay: number };
    assertValidReport(json);
    assert.equal(json.callsPerDay, 300);
  });

  it('renders HTML through the same switch', async () => {
    const html = render(await fixtureReport(), 'html');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(render(await fixtureReport(), 'markdown'), /^# LLM token-cost report/);
  });

  it('writes --format html --out FILE', { skip: (REPORT_FORMATS as readonly string[]).includes('html') ? false : 'the argument parser does not accept html yet' }, async () => {
    const dir = tempDir('lil-html-');
    try {
      const out = path.join(dir, 'nested', 'report.html');
      const t = io(FIXTURE);
      assert.equal(await main(['report', '--format', 'html', '--out', out], t.io), 0);
      assert.match(fs.readFileSync(out, 'utf8'), /<svg id="chart-model"/);
      assert.equal(t.stdout(), '');
      assert.match(t.stderr(), /Report written to/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('progress bar', () => {
  it('draws nothing on a pipe, and nothing for small scans', () => {
    const writes: string[] = [];
    const pipe = createProgressBar({ write: (s) => writes.push(s), isTTY: false }, { env: {} });
    pipe.update('Reading files', 500, 1000);
    pipe.clear();
    const small = createProgressBar({ write: (s) => writes.push(s), isTTY: true }, { env: { TERM: 'xterm' }, minItems: 50 });
    small.update('Reading files', 5, 10);
    small.clear();
    const dumb = createProgressBar({ write: (s) => writes.push(s), isTTY: true }, { env: { TERM: 'dumb' } });
    dumb.update('Reading files', 500, 1000);
    assert.deepEqual(writes, []);
  });

  it('draws on a TTY, throttled, always the last step, and clears the line', () => {
    const writes: string[] = [];
    let now = 0;
    const bar = createProgressBar({ write: (s) => writes.push(s), isTTY: true, columns: 60 }, { env: { TERM: 'xterm' }, minItems: 10, intervalMs: 100, now: () => now });
    bar.update('Reading files', 10, 100);
    now = 50;
    bar.update('Reading files', 20, 100); // throttled
    now = 150;
    bar.update('Reading files', 30, 100);
    now = 160;
    bar.update('Reading files', 100, 100); // the last step always draws
    bar.clear();
    assert.equal(writes.length, 4);
    assert.match(writes[0], /^\r\u001b\[KReading files \[█*░*\] 10\/100$/);
    assert.match(writes[2], /100\/100$/);
    assert.equal(writes[3], '\r\u001b[K');
  });

  it('fits the bar to the terminal width', () => {
    const line = renderBar('Analysing files', 512, 1024, 60);
    assert.ok(line.length <= 60, line);
    assert.equal(line, `Analysing files [${'█'.repeat(15)}${'░'.repeat(15)}] 512/1,024`);
  });
});
