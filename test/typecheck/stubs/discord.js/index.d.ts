// Minimal, hand-written type stub of `discord.js`: the slash command builder, event names and the objects handlers get.

export declare class SlashCommandBuilder {
  readonly name: string;
  setName(name: string): this;
  setDescription(description: string): this;
  addStringOption(build: (option: SlashCommandStringOption) => SlashCommandStringOption): this;
}

export declare class SlashCommandStringOption {
  setName(name: string): this;
  setDescription(description: string): this;
  setRequired(required: boolean): this;
}

/** The events a Client emits, by their wire names. */
export declare enum Events {
  ClientReady = 'ready',
  InteractionCreate = 'interactionCreate',
  MessageCreate = 'messageCreate',
}

export declare class ChatInputCommandInteraction {
  readonly commandName: string;
  readonly options: { getString(name: string, required?: boolean): string | null };
  reply(content: string): Promise<unknown>;
  deferReply(): Promise<unknown>;
  editReply(content: string): Promise<unknown>;
}

export declare class Message {
  readonly content: string;
  readonly author: { bot: boolean };
  reply(content: string): Promise<Message>;
}

export declare class Client {
  constructor(options: { intents: unknown[] });
  readonly user: { tag: string } | null;
  on(event: string, listener: (...args: any[]) => unknown): this;
  once(event: string, listener: (...args: any[]) => unknown): this;
  login(token?: string): Promise<string>;
}
