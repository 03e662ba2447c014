// The head teacher's s.566 certificate (issue 10 §3): built from the frozen evidence, signed by the school's staff
// or recorded on the school's behalf by the case's officer, its hash the evidence's, and the page saying when the
// live register has changed since.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import { insertMarks } from "@/tests/marks";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { extractPdfText } from "../pdf/pdf-text";
import { makeReferredCase } from "../referrals/test-factories";
import { renderCertificatePdf } from "./certificate-pdf";
import { findCertificates } from "./find-certificates";
import { getCertificate } from "./get-certificate";
import { recordCertificate } from "./record-certificate";

let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let otherSchool: { id: string; estabNumber: string };
let staff: Actor;
let otherStaff: Actor;
let officer: Actor;
let otherOfficer: Actor;
let manager: Actor;
let foreignManager: Actor;

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

async function waiting() {
  const pupil = await makePupil(testDb, { authority, school, firstName: "Zoë", lastName: "Łukasz-Nguyễn" });
  const parent = await makeParent(testDb, { authority, pupil, firstName: "Siobhán", lastName: "Wójcik" });
  return {
    pupil,
    parent,
    ...(await makeReferredCase(testDb, {
      authority,
      pupil,
      officer,
      parentIds: [parent.id],
      ready: { certificate: false },
    })),
  };
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  otherSchool = await makeSchool(testDb, authority);
  staff = await makeActor({ authority, role: "school", school });
  otherStaff = await makeActor({ authority, role: "school", school: otherSchool });
  officer = await makeActor({ authority, role: "officer" });
  otherOfficer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  foreignManager = await makeActor({ authority: await makeAuthority(testDb), role: "manager" });
});

describe("s.566 certificates", () => {
  it("are built from the frozen evidence: every session with its meaning, the unauthorised marked, the totals", async () => {
    const f = await waiting();
    const view = await getCertificate(staff, f.evidence.id);
    const marks = f.evidence.marks as { code: string }[];
    expect(view.sessions).toHaveLength(marks.length);
    expect(view.totals.unauthorised).toBe(marks.filter((m) => m.code === "O").length);
    expect(view.sessions.filter((s) => s.unauthorised).every((s) => s.code === "O")).toBe(true);
    expect(view.contentHash).toBe(f.evidence.contentHash);
    expect(view.school.id).toBe(school.id);
    expect(view.signature).toBeNull();
    const text = extractPdfText(await renderCertificatePdf(view, "Test Authority"));
    expect(text).toContain("Education Act 1996, section 566");
    expect(text).toContain("Zoë Łukasz-Nguyễn");
    expect(text.split("\n").filter((l) => l === "UNAUTHORISED")).toHaveLength(view.totals.unauthorised);
    expect(text).toContain("Head teacher of");
    expect(await testDb.auditLog.count({ where: { entityId: f.evidence.id, action: "certificate.view" } })).toBe(1);
  });

  it("school staff see and sign their own school's certificate, with a signed scan kept with its SHA-256", async () => {
    const f = await waiting();
    expect((await findCertificates(staff)).map((i) => i.evidenceId)).toContain(f.evidence.id);
    expect((await findCertificates(otherStaff)).map((i) => i.evidenceId)).not.toContain(f.evidence.id);
    const scan = new TextEncoder().encode("%PDF-1.7\nsigned scan\n%%EOF\n");
    const row = await recordCertificate(
      staff,
      { evidenceId: f.evidence.id, signedBy: "Mrs Aoife Ní Bhriain", signedOn: "2026-11-19" },
      scan,
    );
    expect(row).toMatchObject({
      schoolId: school.id,
      contentHash: f.evidence.contentHash,
      recordedAs: "school",
      signedBy: "Mrs Aoife Ní Bhriain",
      scanSha256: createHash("sha256").update(scan).digest("hex"),
    });
    const view = await getCertificate(officer, f.evidence.id);
    expect(view.signature).toMatchObject({ signedBy: "Mrs Aoife Ní Bhriain", signedOn: "2026-11-19", hasScan: true });
    expect(extractPdfText(await renderCertificatePdf(view, "Test"))).toContain("Mrs Aoife Ní Bhriain");
    // Once only.
    const again = await caught(
      recordCertificate(staff, { evidenceId: f.evidence.id, signedBy: "Someone else", signedOn: "2026-11-20" }),
    );
    expect((again as ValidationError).formError).toBe("The certificate for this school has already been recorded");
  });

  it("an officer records a signed paper copy on the school's behalf; another officer may not", async () => {
    const f = await waiting();
    const refused = await caught(
      recordCertificate(otherOfficer, { evidenceId: f.evidence.id, signedBy: "A Head", signedOn: "2026-11-20" }),
    );
    expect(refused).toBeInstanceOf(ForbiddenError);
    const row = await recordCertificate(officer, {
      evidenceId: f.evidence.id,
      signedBy: "A Head",
      signedOn: "2026-11-20",
    });
    expect(row).toMatchObject({ recordedAs: "officer", recordedBy: officer.id });
    expect(await testDb.auditLog.count({ where: { entityId: f.evidence.id, action: "certificate.record" } })).toBe(1);
  });

  it("refuses a date before the period ended or in the future, a blank name and a scan that is not a PDF, saving nothing", async () => {
    const f = await waiting();
    const error = await caught(
      recordCertificate(
        staff,
        { evidenceId: f.evidence.id, signedBy: "A Head", signedOn: "2026-11-12" },
        new TextEncoder().encode("GIF89a"),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      signedOn: ["The certificate covers the period to 13 November 2026, so it cannot be signed before then"],
      scan: ["The signed scan must be a PDF file"],
    });
    const future = await caught(
      recordCertificate(staff, { evidenceId: f.evidence.id, signedBy: "A Head", signedOn: "2026-11-21" }),
    );
    expect(Object.keys((future as ValidationError).fieldErrors)).toEqual(["signedOn"]);
    const blank = await caught(
      recordCertificate(staff, { evidenceId: f.evidence.id, signedBy: " ", signedOn: "2026-11-20" }),
    );
    expect(Object.keys((blank as ValidationError).fieldErrors)).toEqual(["signedBy"]);
    expect(await testDb.attendanceCertificate.count({ where: { evidenceId: f.evidence.id } })).toBe(0);
  });

  it("is not found for another school's staff or another authority; administrators have no access", async () => {
    const f = await waiting();
    for (const actor of [otherStaff, foreignManager]) {
      await expect(getCertificate(actor, f.evidence.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        recordCertificate(actor, { evidenceId: f.evidence.id, signedBy: "X", signedOn: "2026-11-20" }),
      ).rejects.toBeInstanceOf(actor === foreignManager ? ValidationError : NotFoundError);
    }
    const admin = await makeActor({ authority, role: "admin" });
    await expect(getCertificate(admin, f.evidence.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCertificate(manager, f.evidence.id)).resolves.toMatchObject({ evidenceId: f.evidence.id });
  });

  it("carries the frozen evidence's hash (the database refuses another), and says when the live register changed", async () => {
    const f = await waiting();
    await expect(
      rawPool.query(
        `INSERT INTO attendance_certificate (authority_id, evidence_id, content_hash, school_id, period_start, period_end,
           signed_by, signed_on, recorded_as, recorded_by)
         VALUES ($1, $2, repeat('0', 64), $3, '2026-10-03', '2026-11-13', 'A Head', '2026-11-20', 'officer', $4)`,
        [authority.id, f.evidence.id, school.id, officer.id],
      ),
    ).rejects.toThrow(/foreign key/);
    const row = await recordCertificate(staff, {
      evidenceId: f.evidence.id,
      signedBy: "A Head",
      signedOn: "2026-11-20",
    });
    await expect(
      rawPool.query("UPDATE attendance_certificate SET signed_by = 'Someone' WHERE id = $1", [row.id]),
    ).rejects.toThrow(/never change/);

    const marks = f.evidence.marks as { date: string; session: string }[];
    const first = marks[0]!;
    await insertMarks(rawPool, [
      {
        authorityId: authority.id,
        pupilId: f.pupil.id,
        schoolId: school.id,
        date: first.date,
        session: first.session === "AM" ? 0 : 1,
        code: "I",
      },
    ]);
    const view = await getCertificate(staff, f.evidence.id);
    expect(view.liveRegister.differs).toBe(true);
    expect(view.contentHash).toBe(f.evidence.contentHash);
  });
});
