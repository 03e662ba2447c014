import "server-only";
import { isIsoDate } from "@/lib/domain/dates";
import type { WindowPlan } from "@/lib/domain/fast-track-window";
import { authorize, type Actor } from "../actor";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "./case-scope";
import { loadSchoolCalendar, tryPlanWindow } from "./load-window-plan";
import { loadWindowSettings } from "./load-window-settings";

export type WindowPreview = { ok: true; plan: WindowPlan; lengthWeeks: number } | { ok: false; message: string };

/**
 * The window a case would get if it started on `startDate`: its end and milestone dates from the authority's term
 * calendar and window settings, exactly as startWindow will plan them. Nothing is saved; whether the window may
 * start on that date (not before the case opened, not in the future, not twice) is startWindow's check.
 * A case out of the actor's scope: NotFoundError.
 */
export async function previewWindow(
  actor: Actor,
  input: { caseId: string; startDate: string },
): Promise<WindowPreview> {
  authorize(actor, "case.manage");
  if (!/^[0-9a-f-]{36}$/i.test(input.caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: input.caseId }] },
    select: { authorityId: true },
  });
  if (!kase) throw new NotFoundError("Case");
  if (!isIsoDate(input.startDate))
    return { ok: false, message: "Enter the start date as a real date, for example 2026-03-02" };
  const calendar = await loadSchoolCalendar(kase.authorityId);
  if (!calendar.ok) return calendar;
  const settings = await loadWindowSettings(kase.authorityId);
  const planned = tryPlanWindow(calendar.calendar, input.startDate, settings);
  return planned.ok ? { ok: true, plan: planned.plan, lengthWeeks: settings.lengthWeeks } : planned;
}
