"use server";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/auth";
import { forgetRecoveryCodes } from "@/lib/server/pending-sign-in";

/** The user has saved their recovery codes: they are forgotten, and the user goes on. */
export async function savedRecoveryCodesAction() {
  const actor = await requireUser({ allowPasswordChange: true });
  await forgetRecoveryCodes();
  redirect(actor.mustChangePassword ? "/account/password" : "/");
}
