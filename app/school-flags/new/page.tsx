import Link from "next/link";
import { requirePermission } from "@/lib/server/auth";
import { getPupilOrNotFound } from "@/lib/server/pupils/get-pupil-page";
import { FlagPupilForm } from "./flag-pupil-form";

export const metadata = { title: "Flag a pupil" };

/** School staff flag a pupil on roll at their school (`?pupil=<id>`, linked from the pupil's page). */
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
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body">
          <Link className="govuk-back-link" href={`/pupils/${pupil.id}`}>
            Back to {pupil.firstName} {pupil.lastName}
          </Link>
        </p>
        <FlagPupilForm pupilId={pupil.id} pupilName={`${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn})`} />
      </div>
    </div>
  );
}
