import { MyDayPanel } from "@/components/tasks/my-day-page";
import { requirePermission } from "@/lib/server/auth";
import { findMyDay, type MyDayView } from "@/lib/server/tasks/find-my-day";
import { findTaskAssignees } from "@/lib/server/tasks/find-task-assignees";
import { reassignTasksAction } from "./actions";

export const metadata = { title: "My day" };

/** My day (the officer's home page shows the same): their own tasks and cases, or the team's with ?view=team. */
export default async function MyDayPage({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  const actor = await requirePermission("task.manage");
  const raw = (await searchParams).view;
  const view: MyDayView | undefined = raw === "team" ? "team" : raw === "mine" ? "mine" : undefined;
  const [day, assignees] = await Promise.all([findMyDay(actor, view), findTaskAssignees(actor)]);
  return (
    <MyDayPanel actor={actor} day={day} basePath="/my-day" assignees={assignees} bulkAction={reassignTasksAction} />
  );
}
