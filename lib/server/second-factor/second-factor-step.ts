import "server-only";
import { demoAccess } from "@/lib/domain/demo-data";
import { db } from "../db";
import { demoMarker } from "../users/demo-marker";

/** What a user must do after their password: nothing more (demo users on the embedded demo database only),
 * type a code, or enrol an authenticator first (everyone's first sign-in, and after an administrator's reset). */
export type SecondFactorStep = "none" | "verify" | "enrol";

export async function secondFactorStepFor(user: { demo: boolean; totpEnrolledAt: Date | null }) {
  if (user.demo && demoAccess(user, await demoMarker()).secondFactorExempt) return "none" as const;
  return user.totpEnrolledAt ? ("verify" as const) : ("enrol" as const);
}

/** Whether confirming a sensitive action needs a code as well as the password. */
export async function confirmationNeedsCode(userId: string): Promise<boolean> {
  const user = await db.appUser.findUniqueOrThrow({ where: { id: userId } });
  return (await secondFactorStepFor(user)) === "verify";
}
