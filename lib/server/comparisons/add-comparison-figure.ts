import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { academicYearLabel, COMPARISON_KIND_LABELS, type ComparisonFigureInput } from "@/lib/schemas/comparison";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";

/** Adds a comparison figure to the actor's authority. One figure per year, kind and label: a second is refused
 * with a ValidationError on the label. */
export async function addComparisonFigure(options: { actor: Actor; input: ComparisonFigureInput }) {
  const { actor, input } = options;
  authorize(actor, "reference_data.manage");
  const duplicate = () =>
    input.kind === "target"
      ? new ValidationError({
          kind: [
            `There is already a target for ${academicYearLabel(input.academicYear)}: delete it first to set another`,
          ],
        })
      : new ValidationError({
          label: [
            `There is already ${input.kind === "authority" ? "an" : "a"} ${COMPARISON_KIND_LABELS[input.kind].toLowerCase()} figure called "${input.label}" for ${academicYearLabel(input.academicYear)}`,
          ],
        });
  const key = {
    authorityId: actor.authorityId,
    academicYear: input.academicYear,
    kind: input.kind,
    label: input.label,
  };
  // One target a year, whatever its label (comparison_figure_one_target_per_year holds it in the database too).
  const clash = input.kind === "target" ? { ...key, label: undefined } : key;
  if (await db.comparisonFigure.findFirst({ where: clash, select: { id: true } })) throw duplicate();
  try {
    return await db.$transaction(async (tx) => {
      const figure = await tx.comparisonFigure.create({
        data: { ...key, unauthorisedRate: new Prisma.Decimal(input.unauthorisedRate.toFixed(2)), source: input.source },
      });
      await audit(
        actor,
        {
          action: "comparison_figure.add",
          entityType: "comparison_figure",
          entityId: figure.id,
          detail: {
            academicYear: input.academicYear,
            kind: input.kind,
            label: input.label,
            unauthorisedRate: input.unauthorisedRate,
          },
        },
        tx,
      );
      return figure;
    });
  } catch (error) {
    // Two administrators adding the same figure at once: the unique constraint decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicate();
    throw error;
  }
}
