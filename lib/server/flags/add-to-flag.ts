import "server-only";
import { addToFlagSchema, type AddToFlagInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { pupilScope } from "../pupils/pupil-scope";

/**
 * School staff add what they know to a flag that is still waiting for the attendance service (their own school's or
 * another's), for a pupil on roll at their school. The note goes with the flag to triage. Refused once the flag is
 * decided (and the database refuses it too). Audited.
 */
export async function addToFlag(actor: Actor, raw: AddToFlagInput) {
  authorize(actor, "case.flag");
  const input = parseInput(addToFlagSchema, raw);
  if (!actor.schoolId) throw new NotFoundError("Flag");
  return db.$transaction(async (tx) => {
    const flag = await tx.caseFlag.findFirst({ where: { id: input.flagId, authorityId: actor.authorityId } });
    if (!flag) throw new NotFoundError("Flag");
    const pupil = await tx.pupil.findFirst({ where: { AND: [pupilScope(actor), { id: flag.pupilId }] } });
    if (!pupil) throw new NotFoundError("Flag");
    if (flag.status !== "new") {
      throw new ValidationError({}, "The attendance service has already decided this flag: flag the pupil again");
    }
    const note = await tx.caseFlagNote.create({
      data: {
        authorityId: flag.authorityId,
        flagId: flag.id,
        schoolId: actor.schoolId!,
        addedBy: actor.id,
        note: input.note,
      },
    });
    await audit(
      actor,
      { action: "flag.add_note", entityType: "flag", entityId: flag.id, detail: { noteId: note.id } },
      tx,
    );
    return note;
  });
}
