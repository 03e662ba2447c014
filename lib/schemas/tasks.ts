// Inputs for tasks and appointments (lib/domain/tasks.ts), shared by the forms, the server actions and the server
// functions in lib/server/tasks. Rules that need the case or the clock (not before the case opened, not in the past
// or future) are the domain's canScheduleTask / canCompleteTask, checked here when the page gives the form the
// context (the form's pre-check) and always again by the server with the case as stored and its own clock.
import { z } from "zod";
import {
  canCompleteTask,
  canScheduleTask,
  parseTaskTime,
  SCHEDULABLE_TASK_KINDS,
  TASK_KIND_LABELS,
  TASK_TITLE_MAX,
} from "@/lib/domain/tasks";
import { isIsoDate } from "@/lib/domain/dates";
import { requiredText } from "./common";
import { dateField, withDateInputs } from "./date-input";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);

const version = z.coerce
  .number({ error: "Reload the page and try again" })
  .int()
  .min(1, "Reload the page and try again");

/** A time as typed ("9:30", "2pm", "14:05"), stored as "HH:MM"; optional. */
const timeField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx) => {
      const time = parseTaskTime(v);
      if (time === null) {
        ctx.addIssue({
          code: "custom",
          message: "Enter a real time of day, like 9:30am, 2pm or 14:05",
        });
        return z.NEVER;
      }
      return time;
    })
    .optional(),
);

const notes = z.preprocess((v) => v ?? "", z.string().trim().max(5000, "The notes must be 5000 characters or fewer"));

/** Context the page gives the form (hidden fields) so the browser can pre-check the dates; the server ignores it. */
const context = {
  caseOpenedOn: z.preprocess(blankToUndefined, z.string().optional()),
  today: z.preprocess(blankToUndefined, z.string().optional()),
};

export const scheduleTaskSchema = withDateInputs(
  ["dueOn"],
  z
    .object({
      caseId: id("the case"),
      kind: z.enum(SCHEDULABLE_TASK_KINDS, {
        error: `Select what to book: ${SCHEDULABLE_TASK_KINDS.map((k) => TASK_KIND_LABELS[k].toLowerCase()).join(", ")}`,
      }),
      title: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(TASK_TITLE_MAX, `The description must be ${TASK_TITLE_MAX} characters or fewer`)
          .optional(),
      ),
      dueOn: dateField("the date"),
      dueTime: timeField,
      /** Defaults to the person booking it (an officer); a manager may book for an officer. */
      assignedTo: z.preprocess(blankToUndefined, id("who it is for").optional()),
      notes,
      ...context,
    })
    .superRefine((v, ctx) => {
      if (v.caseOpenedOn && v.today && isIsoDate(v.caseOpenedOn) && isIsoDate(v.today)) {
        const check = canScheduleTask({ dueOn: v.dueOn, today: v.today, caseOpenedOn: v.caseOpenedOn });
        if (!check.ok) ctx.addIssue({ code: "custom", path: ["dueOn"], message: check.message });
      }
    }),
);
export type ScheduleTaskInput = z.input<typeof scheduleTaskSchema>;

const taskRef = { taskId: id("the task"), version };

export const reassignTaskSchema = z.object({
  ...taskRef,
  assignedTo: id("who the task is for"),
});
export type ReassignTaskInput = z.input<typeof reassignTaskSchema>;

export const completeTaskSchema = withDateInputs(
  ["doneOn"],
  z
    .object({
      ...taskRef,
      doneOn: dateField("the date it was done"),
      note: notes,
      ...context,
    })
    .superRefine((v, ctx) => {
      if (v.caseOpenedOn && v.today && isIsoDate(v.caseOpenedOn) && isIsoDate(v.today)) {
        const check = canCompleteTask({
          status: "open",
          doneOn: v.doneOn,
          today: v.today,
          caseOpenedOn: v.caseOpenedOn,
        });
        if (!check.ok) ctx.addIssue({ code: "custom", path: ["doneOn"], message: check.message });
      }
    }),
);
export type CompleteTaskInput = z.input<typeof completeTaskSchema>;

export const cancelTaskSchema = z.object({
  ...taskRef,
  reason: requiredText("why the task is cancelled", 2000),
});
export type CancelTaskInput = z.input<typeof cancelTaskSchema>;

/** Several open tasks moved to one officer at once (My day's and the case page's bulk reassign). */
export const reassignTasksSchema = z.object({
  taskIds: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(id("a task")).min(1, "Select at least one task"),
  ),
  assignedTo: id("who the tasks are for"),
});
export type ReassignTasksInput = z.input<typeof reassignTasksSchema>;
