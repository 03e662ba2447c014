import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { today } from "@/lib/env";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { dateOnly } from "../db";

/**
 * The pupils an actor may see, as a Prisma `where` fragment. Every pupil read goes through it.
 * - managers and officers: every pupil of their authority;
 * - school staff: pupils on roll at their own school today (an enrolment that has started and not ended);
 * - anyone else: nothing.
 */
export function pupilScope(actor: Actor, on: string = today()): Prisma.PupilWhereInput {
  if (!can(actor, "pupil.read")) return { id: { in: [] } };
  if (actor.role === "school") {
    const day = dateOnly(on);
    return {
      authorityId: actor.authorityId,
      enrolments: {
        some: {
          schoolId: actor.schoolId!,
          startDate: { lte: day },
          OR: [{ endDate: null }, { endDate: { gte: day } }],
        },
      },
    };
  }
  return { authorityId: actor.authorityId };
}
