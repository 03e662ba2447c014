import Link from "next/link";
import { requirePermission } from "@/lib/server/auth";
import { formatUkDateOf } from "@/components/cases/format";
import { findFlagContext } from "@/lib/server/flags/find-flag-context";
import { getPupilOrNotFound } from "@/lib/server/pupils/get-pupil-page";
import { AddToFlagForm } from "./add-to-flag-form";
import { FlagPupilForm } from "./flag-pupil-form";

export const metadata = { title: "Flag a pupil" };

/**
 * School staff flag a pupil on roll at their school (`?pupil=<id>`, linked from the pupil's page). When a flag is
 * already waiting, the page says so and offers to add to it; when the attendance service has an open case, it says
 * so and offers to send the school's information to the case officer instead.
 */
export default async function FlagPupilPage({
  searchParams,
}: {
  searchParams: Promise<{ pupil?: string | string[] }>;
}) {
  const actor = await requirePermission("case.flag");
  const pupilId = (await searchParams).pupil;
  if (typeof pupilId !== "string" || pupilId === "") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Flag a pupil to the attendance service</h1>
          <p className="govuk-body">
            Find the pupil in{" "}
            <Link className="govuk-link" href="/pupils">
              Pupils
            </Link>
            , open their page and choose &ldquo;Flag this pupil&rdquo;.
          </p>
        </div>
      </div>
    );
  }
  const pupil = await getPupilOrNotFound(actor, pupilId);
  const context = await findFlagContext(actor, pupil.id);
  const pupilName = `${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn})`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body">
          <Link className="govuk-back-link" href={`/pupils/${pupil.id}`}>
            Back to {pupil.firstName} {pupil.lastName}
          </Link>
        </p>
        {context.openFlag ? (
          <>
            <span className="govuk-caption-l">{pupilName}</span>
            <h1 className="govuk-heading-l">This pupil has already been flagged</h1>
            <div className="govuk-inset-text">
              {context.openFlag.byOwnSchool ? "Your school" : "Another school"} flagged this pupil on{" "}
              {formatUkDateOf(context.openFlag.flaggedAt)}, and the flag is waiting for the attendance service to
              decide.
              {context.openFlag.notes > 0 &&
                ` ${context.openFlag.notes} ${context.openFlag.notes === 1 ? "note has" : "notes have"} been added to it.`}
            </div>
            <AddToFlagForm flagId={context.openFlag.id} />
          </>
        ) : context.openCase ? (
          <>
            <div className="govuk-inset-text">
              The attendance service already has an open case for this pupil. What you send here goes to the case
              officer and is added to that case.
            </div>
            <FlagPupilForm pupilId={pupil.id} pupilName={pupilName} addToOpenCase />
          </>
        ) : (
          <FlagPupilForm pupilId={pupil.id} pupilName={pupilName} />
        )}
      </div>
    </div>
  );
}
