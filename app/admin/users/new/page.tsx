import { requirePermission } from "@/lib/server/auth";
import { findSchools } from "@/lib/server/schools/find-schools";
import { confirmationNeedsCode } from "@/lib/server/second-factor/second-factor-step";
import { NewUserForm } from "./new-user-form";

export const metadata = { title: "Add a user" };

export default async function NewUserPage() {
  const actor = await requirePermission("user.manage");
  const schools = await findSchools(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NewUserForm
          schools={schools.map((s) => ({ urn: s.urn, name: s.name }))}
          withCode={await confirmationNeedsCode(actor.id)}
        />
      </div>
    </div>
  );
}
