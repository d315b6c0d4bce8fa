// Firebase Genkit (JavaScript/TypeScript): what one `ai.generate(…)` / `ai.generateStream(…)` does, as read in its
// sources. Each fact carries its source and the date it was read.

export interface GenkitPluginFacts {
  /** The npm packages of the plugin. */
  packages: readonly string[];
  /** What sends the request, and its timeout: null = none, undefined = not read (no claim is made). */
  transport: string;
  timeoutSeconds: number | null | undefined;
  source: string;
  asOf: string;
}

export interface GenkitFacts {
  label: string;
  /** Model requests one generate sends per model turn: the generate path has no retry loop. */
  attempts: number;
  retries: string;
  /** Genkit records every generate in a span of its own, usage included. */
  tracesItself: boolean;
  tracing: string;
  /** By the model name's prefix (`googleai/gemini-2.0-flash`): the plugin that serves it. */
  plugins: Readonly<Record<string, GenkitPluginFacts>>;
  /**
   * Model reference constants the Google plugins export (`import { gemini20Flash } from '@genkit-ai/googleai'`), by
   * name: the model id each one names (`modelRef({ name: 'googleai/gemini-2.0-flash' })`; `@genkit-ai/vertexai`
   * exports the same names for `vertexai/…`).
   */
  modelConstants: Readonly<Record<string, string>>;
  source: string;
  asOf: string;
}

export const GENKIT: GenkitFacts = {
  label: 'Genkit',
  attempts: 1,
  retries:
    '`generateHelper` dispatches the model action once per turn; a tool request the model makes starts another turn (up to `maxTurns`, 5 by default): turns, not retries. No retry middleware is installed by default',
  tracesItself: true,
  tracing:
    '`generateHelper` runs every generate in `runInNewSpan(…, { name: \'generate\' })` and records its output (the response, `usage` included) as the span\'s output; the model is an action with a span of its own. The spans reach the dev UI, or Firebase / Google Cloud once a telemetry plugin exports them',
  plugins: {
    googleai: {
      packages: ['@genkit-ai/googleai'],
      transport:
        '`new GoogleGenerativeAI(apiKey)` then `getGenerativeModel({ model }, options)` with `RequestOptions` of `apiClient`, `apiVersion` and `baseUrl` only: @google/generative-ai with no timeout (catalogue `google-generativeai`, TypeScript)',
      timeoutSeconds: null,
      source: 'firebase/genkit js/plugins/googleai/src/gemini.ts defineGoogleAIModel @01c4308 (the code index\'s copy, read 2026-12-02)',
      asOf: '2026-12-02',
    },
  },
  modelConstants: {
    gemini10Pro: 'gemini-1.0-pro', gemini15Pro: 'gemini-1.5-pro', gemini15Flash: 'gemini-1.5-flash', gemini15Flash8b: 'gemini-1.5-flash-8b',
    gemini20Flash: 'gemini-2.0-flash', gemini20Flash001: 'gemini-2.0-flash-001', gemini20FlashExp: 'gemini-2.0-flash-exp', gemini20FlashLite: 'gemini-2.0-flash-lite',
    gemini20FlashLitePreview0205: 'gemini-2.0-flash-lite-preview-02-05', gemini20ProExp0205: 'gemini-2.0-pro-exp-02-05',
    gemini25FlashPreview0417: 'gemini-2.5-flash-preview-04-17', gemini25ProExp0325: 'gemini-2.5-pro-exp-03-25', gemini25ProPreview0325: 'gemini-2.5-pro-preview-03-25',
    gemini25Pro: 'gemini-2.5-pro', gemini25Flash: 'gemini-2.5-flash', gemini25FlashLite: 'gemini-2.5-flash-lite',
  },
  source:
    'firebase/genkit js/ai/src/generate/action.ts generateHelper (runInNewSpan, one dispatch per turn, maxTurns) @306bd00; js/genkit/src/genkit.ts Genkit.generate / generateStream (a string or parts array is `{ prompt }`; `options.model` registered as the default model) @00226b7; js/plugins/googleai/src/gemini.ts model constants @d79451c, js/plugins/vertexai/src/gemini.ts (the code index\'s copies, read 2026-12-02)',
  asOf: '2026-12-02',
};
