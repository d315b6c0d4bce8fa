// `ENV NAME=value` in a Dockerfile sets the variable for the process in the image, like a line of `.env`.
import * as path from 'node:path';
import type { DotenvEntry } from './parse';

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfilePath(p: string): boolean {
  const base = path.basename(p);
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(base) || /\.(Dockerfile|dockerfile)$/.test(base);
}

/**
 * The variables `ENV` instructions define: `ENV NAME=value NAME2="v 2"` and the older `ENV NAME value`, across
 * `\` line continuations. `ARG` is a build-time value and not read.
 */
export function parseDockerfileEnv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  // Logical lines: an instruction continued with a trailing backslash keeps going on the next physical line.
  const re = /^[ \t]*ENV[ \t]+((?:[^\n\\]|\\(?:\r?\n|.))*)$/gim;
  for (const m of text.matchAll(re)) {
    const body = m[1];
    const bodyStart = m.index + m[0].length - body.length;
    const pairs = [...body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*)/g)];
    if (pairs.length) {
      for (const p of pairs) {
        const start = bodyStart + p.index;
        const raw = p[2];
        const quoted = /^["']/.test(raw);
        const value = quoted ? raw.slice(1, -1) : raw;
        const valueStart = start + p[1].length + 1;
        out.push({ name: p[1], value: value.length ? value : null, span: { start, end: start + p[0].length }, valueSpan: value.length ? { start: valueStart + (quoted ? 1 : 0), end: valueStart + (quoted ? 1 : 0) + value.length } : null });
      }
      continue;
    }
    // `ENV NAME value with spaces`
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]+(.+?)[ \t]*$/.exec(body.split(/\r?\n/)[0]);
    if (!legacy) continue;
    const raw = legacy[2].replace(/^["'](.*)["']$/, '$1');
    const valueStart = bodyStart + legacy[0].indexOf(legacy[2]) + (raw === legacy[2] ? 0 : 1);
    out.push({ name: legacy[1], value: raw, span: { start: bodyStart, end: bodyStart + legacy[0].length }, valueSpan: { start: valueStart, end: valueStart + raw.length } });
  }
  return out;
}
