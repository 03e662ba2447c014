import Link from "next/link";
import { formatUkDateTime } from "@/components/cases/format";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { letterKindSlug } from "@/lib/domain/letters";
import { requirePermission } from "@/lib/server/auth";
import { findLetterTemplates } from "@/lib/server/letters/find-letter-templates";

export const metadata = { title: "Letter templates" };

export default async function LetterTemplatesPage() {
  const actor = await requirePermission("letter_template.manage");
  const templates = await findLetterTemplates(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Letter templates</h1>
        <p className="govuk-body">
          Officers produce these letters for each parent or carer on a case. Until you write your own text, a letter
          uses the built-in template.
        </p>
        <Table
          caption="Letter templates"
          captionHidden
          rows={templates}
          rowKey={(t) => t.kind}
          columns={[
            {
              header: "Letter",
              cell: (t) => (
                <Link className="govuk-link" href={`/admin/letters/${letterKindSlug(t.kind)}`}>
                  {t.label}
                </Link>
              ),
            },
            {
              header: "Text",
              cell: (t) => (t.customised ? <Tag colour="blue">Customised</Tag> : <Tag colour="grey">Built-in</Tag>),
            },
            {
              header: "Last changed",
              cell: (t) => (t.updatedAt ? `${formatUkDateTime(t.updatedAt)} by ${t.updatedBy}` : "Not changed"),
            },
          ]}
        />
      </div>
    </div>
  );
}
