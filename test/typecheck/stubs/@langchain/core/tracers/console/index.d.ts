// Minimal, hand-written type stub of `@langchain/core/tracers/console`.
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';

export declare class ConsoleCallbackHandler extends BaseCallbackHandler {
  name: string;
}
