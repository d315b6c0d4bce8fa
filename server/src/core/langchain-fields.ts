// LangChain prompt-template fields, shared by the TypeScript and Python front ends.
import { classifyVolatility } from './volatility';
import type { Volatility } from './types';

/** LangChain's f-string fields: `{name}` (or `{name:spec}`) is a field, `{{` and `}}` are braces. */
export function splitFields(text: string): Array<{ text: string; field?: string }> {
  const out: Array<{ text: string; field?: string }> = [];
  let buf = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      buf += c;
      i++;
      continue;
    }
    if (c === '{') {
      const m = /^\{([A-Za-z_]\w*)(?:[!:][^}]*)?\}/.exec(text.slice(i));
      if (m) {
        out.push({ text: buf });
        buf = '';
        out.push({ text: '', field: m[1] });
        i += m[0].length - 1;
        continue;
      }
    }
    buf += c;
  }
  out.push({ text: buf });
  return out;
}

/** How a field's value varies: by what computes it, else by the field's name (`{current_time}`, `{user_id}`). */
export function fieldVolatility(value: string, field: string): Volatility {
  const v = classifyVolatility(value);
  return v === 'per-request' ? classifyVolatility(field) : v;
}
