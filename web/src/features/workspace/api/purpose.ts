// The purpose of the user's lookups ("Formål med opslaget"): kept in memory for the session's workspace pages and
// sent with every workspace call, because the citizen sees it in Min log. Never stored in the browser or a URL.
import { useSyncExternalStore } from 'react';

let current = '';
const listeners = new Set<() => void>();

/** Longest purpose the server accepts. */
export const PURPOSE_MAX = 200;

/** The purpose as it will be sent (trimmed), or undefined when none is stated. */
export function currentPurpose(): string | undefined {
  const trimmed = current.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Replaces the stated purpose. */
export function setPurpose(value: string): void {
  current = value.slice(0, PURPOSE_MAX);
  for (const listener of listeners) listener();
}

/** The purpose text as typed; re-renders when it changes. */
export function usePurpose(): string {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => current,
  );
}

/** True when the text looks like it holds a CPR number (which must never go into a purpose or a query string). */
export function looksLikeCpr(text: string): boolean {
  return /\d{6}\s*-?\s*\d{4}/.test(text);
}

/** The purpose for a request body: { purpose } or nothing; a text that looks like a CPR number is never sent. */
export function purposeBody(): { purpose?: string } {
  const purpose = currentPurpose();
  return purpose && !looksLikeCpr(purpose) ? { purpose } : {};
}

/** The purpose as a query string ("?purpose=…") or ""; a text that looks like a CPR number is never sent. */
export function purposeQuery(extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  const purpose = purposeBody().purpose;
  if (purpose) params.set('purpose', purpose);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
