import { TableScroll } from "@/components/govuk/table-scroll";
import { requirePermission } from "@/lib/server/auth";
import { RegisterUploadForm } from "./register-upload-form";

export const metadata = { title: "Import a register" };

const EXAMPLE = `upn,date,session,code
A123456789012,2026-11-16,AM,/
A123456789012,2026-11-16,PM,\\
A123456789012,2026-11-17,AM,I
A123456789012,2026-11-17,PM,I`;

export default async function ImportRegisterPage() {
  const actor = await requirePermission("attendance.import");
  return (
    <>
      <h1 className="govuk-heading-l">Import a register</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {actor.role === "school" && (
            <div className="govuk-inset-text">
              You can only import registers for pupils on roll at {actor.schoolName}.
            </div>
          )}
          <p className="govuk-body">
            Upload the attendance register exported from your school&apos;s management information system. Every line is
            checked first: if any line is wrong, nothing is saved and every problem is listed with its line number.
          </p>
          <p className="govuk-body">
            A mark already held for the same pupil, date and session is replaced by the one in the file, and the old
            code is kept in the pupil&apos;s changes to marks.
          </p>
        </div>
      </div>
      <RegisterUploadForm />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">The file format</h2>
          <p className="govuk-body">
            A CSV file whose first line is the header <code>upn,date,session,code</code>, then one line per pupil per
            session:
          </p>
          <TableScroll label="Columns of the register file">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Columns of the register file</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Column
                  </th>
                  <th scope="col" className="govuk-table__header">
                    What to put in it
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <code>upn</code>
                  </th>
                  <td className="govuk-table__cell">
                    The pupil&apos;s unique pupil number: 13 characters, a letter then 12 digits or letters
                  </td>
                </tr>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <code>date</code>
                  </th>
                  <td className="govuk-table__cell">The date as YYYY-MM-DD, for example 2026-11-16</td>
                </tr>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <code>session</code>
                  </th>
                  <td className="govuk-table__cell">
                    <code>AM</code> or <code>PM</code>
                  </td>
                </tr>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <code>code</code>
                  </th>
                  <td className="govuk-table__cell">
                    The national attendance code in force on that date, for example <code>/</code>, <code>\</code>,{" "}
                    <code>L</code>, <code>I</code>, <code>N</code> or <code>G</code>
                  </td>
                </tr>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <code>school_urn</code> (optional)
                  </th>
                  <td className="govuk-table__cell">
                    The school&apos;s 6-digit URN. Only needed when a pupil is on roll at more than one school on that
                    date
                  </td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <p className="govuk-body">For example:</p>
          <pre
            className="govuk-body govuk-!-font-size-16"
            style={{ background: "#f3f2f1", padding: "15px", overflowX: "auto" }}
          >
            <code>{EXAMPLE}</code>
          </pre>
          <h2 className="govuk-heading-m">Common Transfer Files</h2>
          <p className="govuk-body">
            You can also upload a DfE Common Transfer File (an <code>.xml</code> file). Its pupils and their contacts
            are added or updated, pupils are enrolled at the school their attendance names, and their register marks are
            imported. Years with totals but no marks are kept as history.
          </p>
        </div>
      </div>
    </>
  );
}
