import "server-only";
import type { ComparisonKind } from "@/lib/schemas/comparison";
import { authorize, type Actor } from "../actor";
import { db } from "../db";

export type ComparisonFigureRow = {
  id: string;
  academicYear: number;
  kind: ComparisonKind;
  label: string;
  /** Percentage as published, up to 2 decimal places. */
  unauthorisedRate: number;
  source: string;
};

/** The actor's authority's comparison figures, newest academic year first, national before authority. */
export async function findComparisonFigures(actor: Actor): Promise<ComparisonFigureRow[]> {
  authorize(actor, "reference_data.manage");
  const rows = await db.comparisonFigure.findMany({
    where: { authorityId: actor.authorityId },
    orderBy: [{ academicYear: "desc" }, { kind: "desc" }, { label: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    academicYear: r.academicYear,
    kind: r.kind as ComparisonKind,
    label: r.label,
    unauthorisedRate: r.unauthorisedRate.toNumber(),
    source: r.source,
  }));
}
