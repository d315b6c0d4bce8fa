// The workspace the editor tests open: a temp copy of examples/, plus a small probe file for each input kind the
// examples do not have yet (Python, YAML, nginx, dotenv), so every language is exercised in the editor today and the
// example's own files take over as they are added.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/temp-dir';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

const PROBES: Record<'python' | 'yaml' | 'nginx' | 'dotenv', { file: string; text: string; present: (rel: string) => boolean }> = {
  python: {
    file: 'e2e-probe/python/worker.py',
    present: (rel) => rel.endsWith('.py'),
    text: `from openai import OpenAI

client = OpenAI()


def summarize(text: str) -> str:
    res = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarize: " + text}],
    )
    return res.choices[0].message.content or ""
`,
  },
  yaml: {
    file: 'e2e-probe/litellm/config.yaml',
    present: (rel) => /\.ya?ml$/.test(rel),
    text: `# LiteLLM proxy config: one deployment, retries, no fallbacks.
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
router_settings:
  num_retries: 3
`,
  },
  nginx: {
    file: 'e2e-probe/nginx/nginx.conf',
    present: (rel) => path.basename(rel) === 'nginx.conf' || rel.endsWith('.nginx') || (rel.endsWith('.conf') && rel.split('/').includes('nginx')),
    text: `events {}
http {
  server {
    listen 80;
    location /api/chat {
      proxy_pass http://chat-service:3000;
    }
  }
}
`,
  },
  dotenv: {
    file: 'e2e-probe/.env.example',
    present: (rel) => {
      const base = path.basename(rel);
      return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
    },
    text: 'LOG_LEVEL=info\nOPENAI_API_KEY=\n',
  },
};

function listFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') listFiles(root, p, out);
    } else out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out;
}

/**
 * Always added: VS Code opens compose files under its own `dockercompose` language id, not `yaml`, so the editor
 * tests need one compose file with a finding (a hardcoded key, assembled here so no scanner mistakes it for a real one).
 */
const COMPOSE_PROBE = {
  file: 'e2e-probe/compose/docker-compose.yml',
  text: `services:\n  worker:\n    image: example/worker:1\n    environment:\n      OPENAI_API_KEY: ${['sk', 'proj', 'Zq8vT2mLk9Xw4Rb7Np1Hs6Dc3Fg5Jy0Ue8Io2Pa4Sd6FhAbCdEfGh12'].join('-')}\n`,
};

/** Copies examples/ to `dest` (created) and adds the probes; returns the probe files added (relative). */
export function prepareWorkspace(dest: string): string[] {
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'examples'), dest, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
  const files = listFiles(dest);
  const added: string[] = [];
  for (const probe of Object.values(PROBES)) {
    if (files.some(probe.present)) continue;
    const target = path.join(dest, probe.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, probe.text);
    added.push(probe.file);
  }
  const compose = path.join(dest, COMPOSE_PROBE.file);
  fs.mkdirSync(path.dirname(compose), { recursive: true });
  fs.writeFileSync(compose, COMPOSE_PROBE.text);
  added.push(COMPOSE_PROBE.file);
  return added;
}

/** A fresh temp directory for one run. */
export function tempRunDir(prefix: string): string {
  return tempDir(prefix);
}
