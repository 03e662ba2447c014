import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PupilSearchInput } from "@/lib/schemas/pupil";
import { today } from "@/lib/env";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db, dateOnly } from "../db";
import { pupilScope } from "./pupil-scope";

export const PUPILS_PER_PAGE = 25;

const UPN_LIKE = /^[A-Z][0-9]{11}[0-9A-Z]$/;

/** Searches the pupils in the actor's scope by UPN (current or former) or by name words. */
export async function findPupils(actor: Actor, { q, page }: Pick<PupilSearchInput, "q" | "page">) {
  authorize(actor, "pupil.search");
  const term = q.trim();
  let match: Prisma.PupilWhereInput = {};
  if (UPN_LIKE.test(term.toUpperCase())) {
    const upn = term.toUpperCase();
    match = { OR: [{ upn }, { formerUpn: upn }] };
  } else if (term) {
    const words = term.split(/\s+/).slice(0, 5);
    match = {
      AND: words.map((w) => ({
        OR: [
          { firstName: { contains: w, mode: "insensitive" as const } },
          { lastName: { contains: w, mode: "insensitive" as const } },
          { middleNames: { contains: w, mode: "insensitive" as const } },
        ],
      })),
    };
  }
  const where: Prisma.PupilWhereInput = { AND: [pupilScope(actor), match] };
  const day = dateOnly(today());
  const [total, pupils] = await Promise.all([
    db.pupil.count({ where }),
    db.pupil.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: (page - 1) * PUPILS_PER_PAGE,
      take: PUPILS_PER_PAGE,
      include: {
        enrolments: {
          where: { startDate: { lte: day }, OR: [{ endDate: null }, { endDate: { gte: day } }] },
          include: { school: { select: { name: true } } },
        },
      },
    }),
  ]);
  if (term) {
    await audit(actor, { action: "pupil.search", detail: { q: term, results: total } });
  }
  return { total, page, pageCount: Math.max(1, Math.ceil(total / PUPILS_PER_PAGE)), pupils };
}
