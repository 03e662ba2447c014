import "server-only";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";

/** Deletes one of the actor's authority's comparison figures; another authority's is not found. */
export async function deleteComparisonFigure(actor: Actor, figureId: string) {
  authorize(actor, "reference_data.manage");
  return db.$transaction(async (tx) => {
    const figure = await tx.comparisonFigure.findFirst({ where: { id: figureId, authorityId: actor.authorityId } });
    if (!figure) throw new NotFoundError("Comparison figure");
    await tx.comparisonFigure.delete({ where: { id: figure.id } });
    await audit(
      actor,
      {
        action: "comparison_figure.delete",
        entityType: "comparison_figure",
        entityId: figure.id,
        detail: {
          academicYear: figure.academicYear,
          kind: figure.kind,
          label: figure.label,
          unauthorisedRate: figure.unauthorisedRate.toString(),
        },
      },
      tx,
    );
  });
}
