// The one shape for rule results in lib/domain, so every form and API can show them the same way.

/** A rule that passed, or a plain message saying why not. */
export type RuleCheck = { ok: true } | { ok: false; message: string };

/** A problem with one input field. `field` is the form field name, dotted for nested values as zod paths are
 * (`sentences.0.amountPence`), so server errors land on the right field and the error summary links to it. */
export type FieldProblem = { field: string; message: string };
