// Password strength, beyond the length rule: zxcvbn-ts (a maintained estimator) with its common and English
// dictionaries, plus the user's own details and the service's words, so that "Password123!", a keyboard walk or
// "fasttrack-darlington" are refused. Pure (no I/O); the server checks it, the form checks the length only (the
// dictionaries are too large to send to every browser).
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/** zxcvbn's scale is 0 (too guessable) to 4; 3 is "safely unguessable: moderate protection from offline attack". */
export const MIN_PASSWORD_SCORE = 3;

const SERVICE_WORDS = ["fast", "track", "fasttrack", "attendance", "council", "school", "welfare", "demo", "password"];

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/** Whether a password is hard enough to guess, given what an attacker would try first about this user. */
export function judgePassword(
  password: string,
  user: { email: string; name: string; authority?: string },
): PasswordVerdict {
  const inputs = [
    ...SERVICE_WORDS,
    user.email,
    ...user.email.split(/[@.+_-]/),
    user.email.split("@")[0]!.replace(/[.+_-]/g, ""),
    ...user.name.split(/\s+/),
    user.name.replace(/\s+/g, ""),
    ...(user.authority ? user.authority.split(/\s+/) : []),
  ].filter((w) => w.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const hint = result.feedback.warning ? `${result.feedback.warning.replace(/\.$/, "")}. ` : "";
  return {
    ok: false,
    message: `Choose a password that is harder to guess. ${hint}A few unrelated words together make a strong password.`,
  };
}
