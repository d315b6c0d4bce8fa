// Minimal, hand-written type stub of `@aws-sdk/client-ssm` (only GetParameter).

export interface SSMClientConfig {
  region?: string;
  endpoint?: string;
  maxAttempts?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

export interface Parameter {
  Name?: string;
  Type?: 'String' | 'StringList' | 'SecureString';
  Value?: string;
  Version?: number;
  LastModifiedDate?: Date;
  ARN?: string;
  DataType?: string;
}

export interface GetParameterCommandInput {
  Name: string | undefined;
  WithDecryption?: boolean;
}
export interface GetParameterCommandOutput {
  Parameter?: Parameter;
  $metadata: ResponseMetadata;
}

export declare class GetParameterCommand {
  readonly input: GetParameterCommandInput;
  constructor(input: GetParameterCommandInput);
}

export declare class SSMClient {
  constructor(configuration: SSMClientConfig);
  send(command: GetParameterCommand, options?: { abortSignal?: AbortSignal }): Promise<GetParameterCommandOutput>;
  destroy(): void;
}
