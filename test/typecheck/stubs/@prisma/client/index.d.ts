// Minimal, hand-written type stub of a generated `@prisma/client`. A Prisma client is generated
// from the app's schema; this one stands for a schema with the models used by the fixtures:
// `Message` and `ChatMessage` (same fields), each with a `findMany` delegate, and `Chat`, whose
// `messages` and `owner` relations a read can include, and `IntelligenceLog` (question/answer pairs of a
// document's assistant, a history under another name).

export type SortOrder = 'asc' | 'desc';

export interface PrismaPromise<T> extends Promise<T> {}

export interface Message {
  id: string;
  conversationId: string;
  role: string;
  content: string;
  createdAt: Date;
}
export type ChatMessage = Message;

export interface IntelligenceLog {
  id: string;
  memoryKey: string;
  documentId: string;
  question: string;
  answer: string;
  createdAt: Date;
}

type WhereInput<M> = { [K in keyof M]?: M[K] | { equals?: M[K]; in?: M[K][]; not?: M[K]; gt?: M[K]; gte?: M[K]; lt?: M[K]; lte?: M[K] } } & {
  AND?: WhereInput<M> | WhereInput<M>[];
  OR?: WhereInput<M>[];
  NOT?: WhereInput<M> | WhereInput<M>[];
};
type OrderByInput<M> = { [K in keyof M]?: SortOrder };
type SelectInput<M> = { [K in keyof M]?: boolean };

export interface FindManyArgs<M> {
  where?: WhereInput<M>;
  orderBy?: OrderByInput<M> | OrderByInput<M>[];
  /** Rows to return; negative takes from the end of the ordering. */
  take?: number;
  skip?: number;
  cursor?: { id?: string };
  select?: SelectInput<M>;
  distinct?: keyof M | Array<keyof M>;
}

export interface ModelDelegate<M> {
  // The generated client narrows the row type to `select`; this stub returns whole rows.
  findMany(args?: FindManyArgs<M>): PrismaPromise<M[]>;
  findFirst(args?: FindManyArgs<M>): PrismaPromise<M | null>;
  findUnique(args: { where: { id: string }; select?: SelectInput<M> }): PrismaPromise<M | null>;
  create(args: { data: Omit<M, 'id' | 'createdAt'> & Partial<Pick<M, Extract<keyof M, 'id' | 'createdAt'>>> }): PrismaPromise<M>;
  count(args?: { where?: WhereInput<M> }): PrismaPromise<number>;
}

export interface User {
  id: string;
  name: string;
}

export interface Chat {
  id: string;
  title: string;
  createdAt: Date;
}

export interface ChatInclude {
  messages?: boolean | { orderBy?: OrderByInput<Message>; take?: number };
  owner?: boolean;
}

/** A chat with the relations the read included; this stub types both as present when asked for. */
export type ChatWith<I extends ChatInclude> = Chat & (I['messages'] extends false | undefined ? {} : { messages: Message[] }) & (I['owner'] extends true ? { owner: User } : {});

export interface ChatDelegate {
  findUnique<I extends ChatInclude = {}>(args: { where: { id: string }; include?: I }): PrismaPromise<ChatWith<I> | null>;
  findFirst<I extends ChatInclude = {}>(args?: { where?: WhereInput<Chat>; include?: I }): PrismaPromise<ChatWith<I> | null>;
}

export declare class PrismaClient {
  constructor(options?: { datasources?: Record<string, { url?: string }>; datasourceUrl?: string; log?: Array<'query' | 'info' | 'warn' | 'error'> });
  message: ModelDelegate<Message>;
  chatMessage: ModelDelegate<ChatMessage>;
  intelligenceLog: ModelDelegate<IntelligenceLog>;
  chat: ChatDelegate;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<T>(promises: PrismaPromise<T>[]): Promise<T[]>;
}
