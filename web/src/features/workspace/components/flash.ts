// A one-shot message carried across an in-app navigation (e.g. "the case was deleted" on the citizen page).
let pending: string | null = null;

/** Leaves a message for the next page that takes it. */
export function leaveFlash(message: string): void {
  pending = message;
}

/** Takes the pending message (once); null when there is none. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
