// Minimal, hand-written type stub of `@genkit-ai/googleai` (1.x): the plugin and its model references.
import type { GenkitPlugin, ModelReference } from 'genkit';

export interface PluginOptions {
  apiKey?: string;
}
export declare const googleAI: ((options?: PluginOptions) => GenkitPlugin) & { model(name: string): ModelReference };
export declare function gemini(version: string): ModelReference;
export declare const gemini15Flash: ModelReference;
export declare const gemini20Flash: ModelReference;
export declare const gemini25Pro: ModelReference;
