// Minimal, hand-written type stub of `nitropack/runtime` (Nitro 2's runtime helpers).

import type { H3Event } from 'h3';

export interface NitroApp {
  hooks: {
    hook(name: 'request', handler: (event: H3Event) => void | Promise<void>): void;
    hook(name: 'close', handler: () => void | Promise<void>): void;
  };
}

export declare function defineNitroPlugin(setup: (nitroApp: NitroApp) => void | Promise<void>): (nitroApp: NitroApp) => void | Promise<void>;
