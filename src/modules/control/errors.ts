// The one error type of the control module: a refused step with a stable code and a Danish reason.

/** A refused control step; `code` is stable for clients, the message is for people (Danish). Nothing was changed. */
export class ControlError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'forbidden' | 'self_review' | 'self_approval' | 'wrong_state' | 'matches_everything' | 'duplicate',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** The HTTP status for a ControlError code. */
export function controlErrorStatus(code: ControlError['code']): 400 | 403 | 404 | 409 | 422 {
  switch (code) {
    case 'invalid':
      return 400;
    case 'not_found':
      return 404;
    case 'forbidden':
    case 'self_review':
    case 'self_approval':
      return 403;
    case 'matches_everything':
      return 422;
    default:
      return 409;
  }
}
