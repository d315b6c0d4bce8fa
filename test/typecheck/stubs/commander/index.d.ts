// Minimal, hand-written type stub of `commander` (v12): the parts the fixtures use.

export declare class Command {
  constructor(name?: string);
  command(nameAndArgs: string): Command;
  description(text: string): this;
  option(flags: string, description?: string): this;
  action(fn: (...args: any[]) => void | Promise<void>): this;
  parse(argv?: readonly string[]): this;
}

export declare const program: Command;
