import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { RELATIONSHIP_LABELS, type Relationship } from "@/lib/domain/relationships";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { findOfficers } from "@/lib/server/cases/find-officers";
import { getPupilOrNotFound } from "@/lib/server/pupils/get-pupil-page";
import { OpenCaseForm } from "./open-case-form";

export const metadata = { title: "Open a case" };

/** Officers and managers open a case for a pupil themselves (`?pupil=<id>`, for example from the at-risk queue). */
export default async function OpenCasePage({ searchParams }: { searchParams: Promise<{ pupil?: string | string[] }> }) {
  const actor = await requirePermission("case.manage");
  const pupilId = (await searchParams).pupil;
  if (typeof pupilId !== "string" || pupilId === "") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Open a case</h1>
          <p className="govuk-body">
            Find the pupil in{" "}
            <Link className="govuk-link" href="/pupils">
              Pupils
            </Link>{" "}
            or the{" "}
            <Link className="govuk-link" href="/attendance/at-risk">
              pupils at risk
            </Link>
            , then open a case from there.
          </p>
        </div>
      </div>
    );
  }
  const pupil = await getPupilOrNotFound(actor, pupilId);
  const officers = await findOfficers(actor);
  const now = today();
  const parents = pupil.parents.map((p) => ({
    id: p.id,
    name: [p.title, p.firstName, p.lastName].filter(Boolean).join(" "),
    detail:
      `${RELATIONSHIP_LABELS[p.relationship as Relationship] ?? p.relationship}${p.parentalResponsibility ? ", parental responsibility" : ""}` +
      `${[p.address.line1, p.address.town, p.address.postcode].filter(Boolean).length > 0 ? `, ${[p.address.line1, p.address.town, p.address.postcode].filter(Boolean).join(", ")}` : ""}`,
    parentalResponsibility: p.parentalResponsibility,
  }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href={`/pupils/${pupil.id}`}>
          Back to {pupil.firstName} {pupil.lastName}
        </Link>
        <span className="govuk-caption-l">
          {pupil.firstName} {pupil.lastName} (UPN {pupil.upn})
        </span>
        <OpenCaseForm
          pupilId={pupil.id}
          parents={parents}
          officers={officers}
          defaultOfficerId={actor.role === "officer" ? actor.id : ""}
          today={now}
          todayText={formatUkDate(now)}
        />
      </div>
    </div>
  );
}
