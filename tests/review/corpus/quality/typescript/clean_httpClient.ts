export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  timeoutMs?: number;
  retries?: number;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, timeoutMs = 5000, retries = 2 } = options;
  let attempt = 0;
  for (;;) {
    try {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        throw new HttpError(res.status, `${method} ${url} failed: ${res.status}`);
      }
      return (await res.json()) as T;
    } catch (err) {
      attempt += 1;
      const retriable = !(err instanceof HttpError) || err.status >= 500;
      if (!retriable || attempt > retries) {
        throw err;
      }
      await sleep(100 * 2 ** attempt);
    }
  }
}
