// Where a new import goes among a module's leading imports, by isort's sections (future, standard library, third
// party, first party, local): isort- and ruff-checked projects fail lint when a fix puts `import httpx` below
// `from .models import X` (audit 100).
import * as path from 'node:path';
import type { ProjectFiles } from '../../core/front-end';
import { lineEndAt, lineStartAt } from '../../core/text';
import type { TextEdit } from '../../core/types';
import { INSTALLED_PACKAGES } from './extract/imports';

/** Whether a top-level module name is the project's own code (isort's "first party"). */
export type FirstParty = (topLevel: string) => boolean;

/** A leading import statement: its span and what it imports. */
export interface HeaderImport {
  start: number;
  end: number;
  /** `from __future__`, a relative import (`from .x import y`), or the modules of an absolute import (`a.b`). */
  source: 'future' | 'relative' | string[];
  /** `from a import b` rather than `import a`. */
  from: boolean;
}

/** Top-level modules of the standard library (Python 3.11's `sys.stdlib_module_names`, without private ones). */
const STDLIB = new Set(
  `abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile
  calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib
  contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email
  encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath
  getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect
  io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap
  modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os
  ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats
  pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy
  sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
  sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys
  sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize
  tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv
  warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo`.split(/\s+/),
);

const FUTURE = 0;
const STANDARD = 1;
const THIRD_PARTY = 2;
const FIRST_PARTY = 3;
const LOCAL = 4;
/** An absolute import that is third or first party, unknown without the workspace. */
const UNKNOWN = 2.5;

function sectionOfModule(top: string, firstParty: FirstParty | undefined): number {
  if (STDLIB.has(top)) return STANDARD;
  if (!firstParty) return UNKNOWN;
  return firstParty(top) ? FIRST_PARTY : THIRD_PARTY;
}

function sectionOf(imp: HeaderImport, firstParty: FirstParty | undefined): number | null {
  if (imp.source === 'future') return FUTURE;
  if (imp.source === 'relative') return LOCAL;
  const sections = new Set(imp.source.map((m) => sectionOfModule(m.split('.')[0], firstParty)));
  // `import os, httpx` belongs to no one section.
  return sections.size === 1 ? [...sections][0] : null;
}

/**
 * The edit that adds `line` (an import of `module`) at the end of its section among `header`, the module's leading
 * imports in order; before the first import of a later section when its own section is missing. Null when the new
 * import belongs after every one of them, or when the sections cannot be told apart (imports out of section order, or
 * third and first party without the workspace): the caller then appends after the last import.
 */
export function sectionedImportEdit(text: string, header: HeaderImport[], module: string, line: string, nl: string, firstParty?: FirstParty): TextEdit | null {
  if (header.length === 0) return null;
  const top = module.split('.')[0];
  const own = STDLIB.has(top) ? STANDARD : THIRD_PARTY;
  const sections = header.map((imp) => sectionOf(imp, firstParty));
  if (sections.some((s) => s === null)) return null;
  const known = sections as number[];
  // Without the workspace an absolute import may be third or first party: a standard-library import still goes
  // before all of them, but a third-party one has no known place.
  if (own === THIRD_PARTY && known.includes(UNKNOWN)) return null;
  for (let i = 1; i < known.length; i++) if (known[i] < known[i - 1]) return null;
  const lastOwn = known.lastIndexOf(own);
  if (lastOwn >= 0) {
    const before = sortedPlace(header, known.indexOf(own), lastOwn, module, line.startsWith('from '));
    if (before !== null) return { start: startWithComments(text, header, before), end: startWithComments(text, header, before), newText: line + nl };
    const at = lineEndAt(text, header[lastOwn].end);
    return { start: at, end: at, newText: nl + line };
  }
  // A section of its own: before the first import of a later section, with the blank line that ends a section (a fix
  // that adds two such imports, `time` and `random`, has them joined into one block: see joinNewSectionImports).
  const next = known.findIndex((s) => s > own);
  if (next < 0) return null;
  const at = startWithComments(text, header, next);
  return { start: at, end: at, newText: line + nl + nl };
}

/**
 * The import of the section `header[first..last]` the new one sorts before, when the section is sorted as isort and
 * ruff sort by default (`import a` lines, then `from a import b` lines, each by module, case-insensitively) or with
 * `force_sort_within_sections` (by module only). Null to add it at the section's end.
 */
function sortedPlace(header: HeaderImport[], first: number, last: number, module: string, isFrom: boolean): number | null {
  const moduleOf = (imp: HeaderImport) => (Array.isArray(imp.source) ? imp.source[0].toLowerCase() : '');
  const byStyle = (from: boolean, m: string) => `${from ? 1 : 0}${m}`;
  for (const key of [(imp: HeaderImport) => byStyle(imp.from, moduleOf(imp)), moduleOf]) {
    const keys = header.slice(first, last + 1).map(key);
    if (keys.some((k, i) => i > 0 && k < keys[i - 1])) continue;
    const own = key({ start: 0, end: 0, source: [module], from: isFrom });
    const i = keys.findIndex((k) => k > own);
    return i < 0 ? null : first + i;
  }
  return null;
}

/** Where to insert before `header[i]`: above the comment lines right over it (`# local imports`), which belong to it. */
function startWithComments(text: string, header: HeaderImport[], i: number): number {
  const start = lineStartAt(text, header[i].start);
  return i > 0 ? commentsAbove(text, start, header[i - 1].end) : start;
}

/** The start of the run of comment lines directly above the line at `start`, not reaching back past `floor`. */
function commentsAbove(text: string, start: number, floor: number): number {
  let at = start;
  while (at > floor) {
    const prev = lineStartAt(text, Math.max(floor, at - (text[at - 1] === '\n' && text[at - 2] === '\r' ? 2 : 1)));
    if (prev < floor || !/^[ \t]*#/.test(text.slice(prev, at))) break;
    at = prev;
  }
  return at;
}

let pythonPathsCache: { project: ProjectFiles; version: number | undefined; files: Set<string>; dirs: Set<string> } | null = null;

/** The workspace's Python files and every directory that holds one (at any depth). */
function pythonPaths(project: ProjectFiles): { files: Set<string>; dirs: Set<string> } {
  const version = project.fileSetVersion?.();
  if (pythonPathsCache && pythonPathsCache.project === project && version !== undefined && pythonPathsCache.version === version) return pythonPathsCache;
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const p of project.paths()) {
    if (!p.endsWith('.py') && !p.endsWith('.pyi')) continue;
    files.add(p);
    for (let d = path.dirname(p); !dirs.has(d); d = path.dirname(d)) {
      dirs.add(d);
      if (path.dirname(d) === d) break;
    }
  }
  pythonPathsCache = { project, version, files, dirs };
  return pythonPathsCache;
}

/**
 * isort's first party for the file at `filePath`: a package or module of the workspace in the file's directory or one
 * above it, or in their `src/` (ruff's default `src = [".", "src"]`), as Python finds the project's own code. A module
 * named like an SDK the linter knows stays third party: `providers/openai.py` does not make `import openai` local.
 */
export function firstPartyFor(filePath: string, project: ProjectFiles): FirstParty {
  const answers = new Map<string, boolean>();
  return (top) => {
    let answer = answers.get(top);
    if (answer !== undefined) return answer;
    answer = false;
    if (!INSTALLED_PACKAGES.has(top)) {
      const { files, dirs } = pythonPaths(project);
      const holds = (dir: string) => dirs.has(path.join(dir, top)) || files.has(path.join(dir, `${top}.py`));
      const root = project.root ? path.resolve(project.root) : null;
      for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
        if (holds(dir) || holds(path.join(dir, 'src'))) {
          answer = true;
          break;
        }
        if (dir === root || path.dirname(dir) === dir) break;
      }
    }
    answers.set(top, answer);
    return answer;
  };
}

/** An insertion that opens a new isort section: one import line and the blank line after it (sectionedImportEdit). */
const NEW_SECTION_IMPORT = /^((?:import|from) [^\r\n]*)(\r?\n)\2$/;

/**
 * Several imports of one fix opening the same new section at the same place (`import random`, `import time`): one
 * block, sorted as isort sorts a section (`import a` lines, then `from a import b` lines, by module), with one blank
 * line after it instead of one each.
 */
export function joinNewSectionImports(edits: TextEdit[]): TextEdit[] {
  const groups = new Map<number, TextEdit[]>();
  for (const e of edits) {
    if (e.start !== e.end || !NEW_SECTION_IMPORT.test(e.newText)) continue;
    groups.set(e.start, [...(groups.get(e.start) ?? []), e]);
  }
  if (![...groups.values()].some((g) => g.length > 1)) return edits;
  const out: TextEdit[] = [];
  const done = new Set<number>();
  for (const e of edits) {
    const group = groups.get(e.start);
    if (!group || group.length < 2 || !group.includes(e)) {
      out.push(e);
      continue;
    }
    if (done.has(e.start)) continue;
    done.add(e.start);
    const parts = group.map((g) => NEW_SECTION_IMPORT.exec(g.newText)!);
    const nl = parts[0][2];
    const key = (l: string) => `${l.startsWith('from ') ? 1 : 0}${l.replace(/^(import|from) /, '').toLowerCase()}`;
    const lines = [...new Set(parts.map((m) => m[1]))].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    out.push({ start: e.start, end: e.end, newText: lines.join(nl) + nl + nl });
  }
  return out;
}
