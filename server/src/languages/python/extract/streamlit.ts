// Streamlit scripts: `streamlit run app.py` executes the script (and each page under `pages/`) top to bottom again on
// every interaction, so module-level work in the script runs once per click or chat message, not once per process.
// Modules the script imports are cached by Python and run once.
import type { FnInfo, PyFile } from './file-context';
import { callOfName, wordNodes } from './text-search';
import { within, type Node } from './syntax';

export const STREAMLIT_RERUN = 'Streamlit reruns the script on every interaction';

/** Streamlit's own memoising decorators (`@st.cache_data`, `@st.cache_resource`, the legacy ones). */
export const STREAMLIT_CACHE = /^(cache|cache_data|cache_resource|experimental_memo|experimental_singleton)$/;

/** The names `streamlit` is imported as (`import streamlit as st`, `import streamlit`). */
function streamlitAliases(file: PyFile): Set<string> {
  const out = new Set<string>();
  for (const b of file.imports.values()) if (b.module === 'streamlit' && b.name === null) out.add(b.local);
  return out;
}

/**
 * The file is a Streamlit script: it imports streamlit and draws with it from module-level code (`st.title(…)`,
 * `st.set_page_config(…)`, `if prompt := st.chat_input():`) or from a function that code calls (`def main():
 * st.title(…)` run by `main()`), not only inside helpers it defines for others to call.
 */
export function isStreamlitScript(file: PyFile): boolean {
  let is = scriptByFile.get(file);
  if (is === undefined) scriptByFile.set(file, (is = drawsFromTopLevel(file)));
  return is;
}

const scriptByFile = new WeakMap<PyFile, boolean>();

/**
 * Why a function of a Streamlit script runs once per interaction: the rerun calls it (see rerunByStreamlit). What it
 * calls in turn inherits the reason as a route's callees do.
 */
export function streamlitRerunReason(file: PyFile, fn: FnInfo): string | null {
  return !fn.parent && !fn.cls && isStreamlitScript(file) && rerunByStreamlit(file, fn) ? STREAMLIT_RERUN : null;
}

function drawsFromTopLevel(file: PyFile): boolean {
  const aliases = streamlitAliases(file);
  if (aliases.size === 0) return false;
  const drawsAtModuleLevel = (n: Node): Node | null => {
    const p = n.parent;
    if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return null;
    const call = p.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== p.id) return null;
    // `@st.cache_data(ttl=600)` on a helper's function is not drawing: a module of helpers has it too.
    if (insideClass(n) || call.parent?.type === 'decorator') return null;
    const fn = file.functionAt(n.startIndex);
    return !fn || (!fn.parent && !fn.cls && calledFromModuleLevel(file, fn)) ? n : null;
  };
  return [...aliases].some((a) => wordNodes(file, a, drawsAtModuleLevel).length > 0);
}

/** The function is called from the module-level code of the file (`main()`, also under `if __name__ == "__main__":`). */
function calledFromModuleLevel(file: PyFile, fn: FnInfo): boolean {
  return wordNodes(file, fn.name, callOfName).some((call) => !within(call, fn.node) && !file.functionAt(call.startIndex) && !insideClass(call));
}

/** The node is in a class body (run once, when the class is defined, unless the script redefines it). */
function insideClass(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'class_definition') return true;
  return false;
}

/**
 * Module-level code of a Streamlit script that runs once per browser session, not on every rerun: a branch guarded by
 * the session state (`if "system" not in st.session_state: st.session_state.system = …`).
 */
export function runsOncePerSession(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && /\bsession_state\b/.test(p.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

/**
 * A function of a Streamlit script that the rerun calls: called from the script's module-level code (`main()`,
 * `SYSTEM = load_prompt()`), directly or through other functions of the file, none of them cached.
 */
export function rerunByStreamlit(file: PyFile, fn: FnInfo): boolean {
  const seen = new Set<FnInfo>();
  const reached = (f: FnInfo, depth: number): boolean => {
    // A method or a nested function: who calls it is not read here.
    if (seen.has(f) || depth > 3 || f.decoratedWith(STREAMLIT_CACHE) || f.cls || f.parent) return false;
    seen.add(f);
    for (const call of wordNodes(file, f.name, callOfName)) {
      if (within(call, f.node)) continue;
      const caller = file.functionAt(call.startIndex);
      if (!caller) {
        if (!insideClass(call) && !runsOncePerSession(call)) return true;
      } else if (reached(caller, depth + 1)) return true;
    }
    return false;
  };
  return reached(fn, 0);
}

/** Module-level code of the file (outside every function and class). */
export function atModuleLevel(file: PyFile, node: Node): boolean {
  return !file.functionAt(node.startIndex) && !insideClass(node);
}
