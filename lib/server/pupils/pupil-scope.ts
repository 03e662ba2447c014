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

/**
 * The same scope as pupilScope, as a SQL condition on the pupil table under `alias`, for a raw read that checks the
 * scope in the statement that reads the pupil's data (one round trip). Its values are appended to `params` and
 * referred to by number. The two are kept equal by pupil-scope.int.test.ts.
 */
export function pupilScopeSql(actor: Actor, alias: string, params: unknown[], on: string = today()): string {
  if (!can(actor, "pupil.read")) return "false";
  params.push(actor.authorityId);
  const authority = `$${params.length}`;
  if (actor.role !== "school") return `${alias}.authority_id = ${authority}::uuid`;
  params.push(actor.schoolId, on);
  const school = `$${params.length - 1}::uuid`;
  const day = `$${params.length}::date`;
  return (
    `${alias}.authority_id = ${authority}::uuid AND EXISTS (SELECT 1 FROM enrolment e WHERE e.authority_id = ${alias}.authority_id ` +
    `AND e.pupil_id = ${alias}.id AND e.school_id = ${school} AND e.start_date <= ${day} ` +
    `AND (e.end_date IS NULL OR e.end_date >= ${day}))`
  );
}
