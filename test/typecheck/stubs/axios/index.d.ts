// Minimal, hand-written type stub of `axios` (v1): the default instance, `create`, `post` and the config keys the fixtures use.

export interface AxiosRequestConfig {
  baseURL?: string;
  headers?: Record<string, string>;
  /** Milliseconds; `0` (the default) is no timeout. */
  timeout?: number;
  signal?: AbortSignal;
}

export interface AxiosResponse<T = any> {
  data: T;
  status: number;
  headers: Record<string, string>;
}

export interface AxiosInstance {
  defaults: AxiosRequestConfig;
  post<T = any>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  get<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
}

export interface AxiosStatic extends AxiosInstance {
  create(config?: AxiosRequestConfig): AxiosInstance;
}

declare const axios: AxiosStatic;
export default axios;
