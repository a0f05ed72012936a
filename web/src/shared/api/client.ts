// The one place the web app talks HTTP: JSON in and out, same-origin cookies, the shared error shape, 401/423 signalling.

/** One invalid field as the server reports it. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The JSON body of every error response from the Skjold API. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; requestId?: string };
}

/** An API call that did not succeed: HTTP status plus the server's code and (safe, human) message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0 in an ApiError: the request never got an HTTP answer (network down, server stopped). */
export const NETWORK_ERROR_STATUS = 0;

/** What the client tells the app about the session: it was locked by the server (423) or is gone (401). */
export type SessionSignal = 'locked' | 'unauthenticated';

type SignalListener = (signal: SessionSignal) => void;
const listeners = new Set<SignalListener>();

/** Subscribes to session signals raised by any API call; returns the unsubscribe function. */
export function onSessionSignal(listener: SignalListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(signal: SessionSignal): void {
  for (const listener of listeners) listener(signal);
}

/** Options for one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body; state-changing requests always send one (an empty object when omitted). */
  body?: unknown;
  signal?: AbortSignal;
  /** Background polling (e.g. session checks): marked so the server does not count it as user activity. */
  background?: boolean;
  /** Auth endpoints answer 401 as part of their normal flow; do not treat that as "the session is gone". */
  quiet401?: boolean;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Calls the Skjold API and returns the parsed JSON (undefined for 204); throws ApiError on any failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
  }
  if (options.background) headers['x-skjold-background'] = '1';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_ERROR_STATUS, 'network', 'No answer from the server.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (response.ok) {
    if (json === undefined) throw new ApiError(response.status, 'invalid_response', 'The server sent an unreadable answer.');
    return json as T;
  }

  const error = isErrorBody(json)
    ? new ApiError(response.status, json.error.code, json.error.message, json.error.fields ?? [])
    : new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
  if (response.status === 423) emit('locked');
  else if (response.status === 401 && !options.quiet401) emit('unauthenticated');
  throw error;
}

/** True when the error is an ApiError with the given HTTP status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
