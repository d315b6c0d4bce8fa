// Minimal, hand-written type stub of `axios` (v1): the default instance, `create`, `post`, the request-config call
// forms (`axios(config)`, `axios(url, config)`, `request(config)`) and the config keys the fixtures use.

export interface AxiosRequestConfig {
  url?: string;
  method?: string;
  baseURL?: string;
  data?: unknown;
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
  <T = any>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  <T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  defaults: AxiosRequestConfig;
  request<T = any>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  post<T = any>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  get<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
}

export interface AxiosStatic extends AxiosInstance {
  create(config?: AxiosRequestConfig): AxiosInstance;
}

declare const axios: AxiosStatic;
export default axios;
