import { notFound } from "next/navigation";
import type { Actor } from "@/lib/server/actor";
import { NotFoundError } from "@/lib/server/errors";
import { getTask } from "@/lib/server/tasks/get-task";

/** The task for one of its pages, or the 404 page (out of scope and missing look the same). */
export async function loadTask(actor: Actor, id: string) {
  try {
    return await getTask(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
