import Link from "next/link";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { RecordSweepForm } from "./record-sweep-form";

export const metadata = { title: "Record a truancy sweep" };

export default async function NewSweepPage() {
  await requirePermission("sweep.record");
  return (
    <>
      <Link className="govuk-back-link" href="/sweeps">
        Back to truancy sweeps
      </Link>
      <RecordSweepForm today={today()} />
    </>
  );
}
