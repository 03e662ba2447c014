"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { createSchoolSchema } from "@/lib/schemas/school";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { createSchool } from "@/lib/server/schools/create-school";

export async function createSchoolAction(_state: ActionState<{ name: string }>, formData: FormData) {
  const actor = await requirePermission("school.manage");
  const result = await runAction(createSchoolSchema, formData, async (input) => {
    const school = await createSchool({ actor, input });
    return { name: school.name };
  });
  revalidatePath("/admin/schools");
  return result;
}
