import { requirePermission } from "@/lib/server/auth";
import { NewSchoolForm } from "./new-school-form";

export const metadata = { title: "Add a school" };

export default async function NewSchoolPage() {
  await requirePermission("school.manage");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NewSchoolForm />
      </div>
    </div>
  );
}
