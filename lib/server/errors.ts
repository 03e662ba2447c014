import "server-only";

/** Not found, or outside the actor's scope: the two are indistinguishable on purpose. */
export class NotFoundError extends Error {
  constructor(what = "Record") {
    super(`${what} not found`);
  }
}

/** The actor's role may not do this at all (row scope gives NotFoundError instead). */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that") {
    super(message);
  }
}

export class UnauthenticatedError extends Error {
  constructor() {
    super("Sign in to continue");
  }
}

export type FieldErrors = Record<string, string[]>;

/** Input that breaks a rule. Field errors are keyed by form field name; formError is for the page as a whole. */
export class ValidationError extends Error {
  constructor(
    public readonly fieldErrors: FieldErrors,
    public readonly formError?: string,
  ) {
    super(formError ?? Object.values(fieldErrors).flat().join("; "));
  }
}

/** A save made from an out-of-date version of a record (someone else saved first). Pages show it like any other
 * validation message (the form keeps what was typed); the API answers 409 Conflict. */
export class ConflictError extends ValidationError {}

/** A request body over its limit: the API answers 413 Payload Too Large with the message. */
export class PayloadTooLargeError extends Error {}
