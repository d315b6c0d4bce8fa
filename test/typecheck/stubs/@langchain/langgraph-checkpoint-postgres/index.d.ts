// Minimal, hand-written type stub of `@langchain/langgraph-checkpoint-postgres`.
import { BaseCheckpointSaver } from '@langchain/langgraph';

export declare class PostgresSaver extends BaseCheckpointSaver {
  static fromConnString(connString: string): PostgresSaver;
}
