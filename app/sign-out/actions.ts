"use server";
import { redirect } from "next/navigation";
import { clearSessionCookie, getActor } from "@/lib/server/auth";
import { endSessions } from "@/lib/server/users/end-sessions";

export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await endSessions(actor);
  await clearSessionCookie();
  redirect("/sign-in?signedOut=1");
}

/** Called by the idle-timeout warning when time runs out: this browser's session ends. */
export async function timeOutAction(): Promise<void> {
  await clearSessionCookie();
  redirect("/sign-in?timeout=1");
}
