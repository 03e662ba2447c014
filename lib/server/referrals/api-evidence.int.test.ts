// The API routes for the record a referral rests on (issue 10 §5), called as Next would call them: letters, timeline
// events, a referral's readiness, and the s.566 certificate. Same rules as every case change: the case's officer or
// a manager, scope (404 outside it), audit.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  makeApiToken,
  makeAuthority,
  makeCalendar,
  makeParent,
  makePupil,
  makeSchool,
  makeUser,
  TERMS_2026_27,
} from "@/prisma/factories";
import { hashApiToken } from "@/lib/server/actor";
import { makeReferredCase } from "@/lib/server/referrals/test-factories";
import { extractPdfText } from "@/lib/server/pdf/pdf-text";
import { addDays } from "@/lib/domain/dates";
import { rawPool, testDb } from "@/tests/db";
import { insertMarks } from "@/tests/marks";
import { POST as postLetters } from "@/app/api/v1/cases/[id]/letters/route";
import { GET as getLetterPdf } from "@/app/api/v1/cases/[id]/letters/[letterFile]/route";
import { POST as postEvent } from "@/app/api/v1/cases/[id]/events/route";
import { GET as getReferralRoute } from "@/app/api/v1/referrals/[id]/route";
import { POST as postCertificate } from "@/app/api/v1/referrals/[id]/certificate/route";
import { GET as getCertificatePdf } from "@/app/api/v1/referrals/[id]/certificate.pdf/route";

let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let officerUser: { id: string };
let tokens: Record<
  "manager" | "officer" | "otherOfficer" | "school" | "otherSchool" | "otherManager" | "admin",
  string
>;

async function tokenFor(userId: string) {
  const token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, { id: userId }, hashApiToken(token));
  return token;
}
const call = (token: string, body?: unknown, method = "POST") =>
  new Request("http://127.0.0.1/api", {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });

/** A referral awaiting review whose record is empty: no letters, support, interview or certificate. */
async function bare() {
  const officer = await testDb.appUser.findUniqueOrThrow({ where: { id: officerUser.id } });
  const pupil = await makePupil(testDb, { authority, school, firstName: "Zoë", lastName: "Łukasz-Nguyễn" });
  const parent = await makeParent(testDb, { authority, pupil, firstName: "Siobhán", lastName: "Wójcik" });
  const f = await makeReferredCase(testDb, {
    authority,
    pupil,
    officer,
    parentIds: [parent.id],
    ready: { letters: false, support: false, interview: false, certificate: false },
  });
  // The school's registers for the six weeks before the window (a weekday each, present in the morning, absent
  // without authorisation in the afternoon): the warning letter quotes them (issue 15: letters state the facts).
  const windowStart = f.kase.windowStart!.toISOString().slice(0, 10);
  const marks = [];
  for (let day = addDays(windowStart, -42); day < windowStart; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    marks.push({
      authorityId: authority.id,
      pupilId: pupil.id,
      schoolId: school.id,
      date: day,
      session: 0 as const,
      code: "/",
    });
    marks.push({
      authorityId: authority.id,
      pupilId: pupil.id,
      schoolId: school.id,
      date: day,
      session: 1 as const,
      code: "O",
    });
  }
  await insertMarks(rawPool, marks);
  return { ...f, parent, referral: f.referrals[0]! };
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  // The terms the warning letter's figures are counted in (the weeks before the window reach into the summer term).
  await makeCalendar(testDb, authority, [
    { kind: "term", start: "2026-06-08", end: "2026-07-22", name: "Summer 2" },
    ...TERMS_2026_27,
  ]);
  school = await makeSchool(testDb, authority);
  const otherSchool = await makeSchool(testDb, authority);
  officerUser = await makeUser(testDb, { authority, role: "officer" });
  tokens = {
    manager: await tokenFor((await makeUser(testDb, { authority, role: "manager" })).id),
    officer: await tokenFor(officerUser.id),
    otherOfficer: await tokenFor((await makeUser(testDb, { authority, role: "officer" })).id),
    school: await tokenFor((await makeUser(testDb, { authority, role: "school", school })).id),
    otherSchool: await tokenFor((await makeUser(testDb, { authority, role: "school", school: otherSchool })).id),
    admin: await tokenFor((await makeUser(testDb, { authority, role: "admin" })).id),
    otherManager: await tokenFor(
      (await makeUser(testDb, { authority: await makeAuthority(testDb), role: "manager" })).id,
    ),
  };
});

describe("the record through the API", () => {
  it("an officer sends a warning, records support and an interview, the school signs, and the referral is ready", async () => {
    const { kase, parent, referral } = await bare();
    const before = await (
      await getReferralRoute(call(tokens.manager, undefined, "GET"), params({ id: referral.id }))
    ).json();
    expect(before).toMatchObject({ id: referral.id, caseId: kase.id, parentId: parent.id, status: "awaiting_review" });
    expect(before.readiness.ready).toBe(false);
    expect(before.readiness.items.filter((i: { met: boolean }) => !i.met).map((i: { key: string }) => i.key)).toEqual([
      "letters",
      "warning",
      "support",
      "interview",
      "certificate",
      "eso",
      "defences",
    ]);

    const windowStart = kase.windowStart!.toISOString().slice(0, 10);
    const letters = await postLetters(
      call(tokens.officer, { kind: "warning", parentIds: [parent.id], sentOn: windowStart }),
      params({ id: kase.id }),
    );
    expect(letters.status).toBe(201);
    const { letters: made } = await letters.json();
    expect(made).toEqual([
      {
        id: expect.any(String),
        parentId: parent.id,
        kind: "warning",
        sentOn: windowStart,
        pdfUrl: `/api/v1/cases/${kase.id}/letters/${made[0].id}.pdf`,
      },
    ]);
    const pdf = await getLetterPdf(
      call(tokens.officer, undefined, "GET"),
      params({ id: kase.id, letterFile: `${made[0].id}.pdf` }),
    );
    expect(pdf.status).toBe(200);
    expect(extractPdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain("Siobhán Wójcik");

    const support = await postEvent(
      call(tokens.officer, { kind: "support_offered", occurredOn: windowStart, note: "Early help offered" }),
      params({ id: kase.id }),
    );
    expect(support.status).toBe(201);
    const interview = await postEvent(
      call(tokens.officer, {
        kind: "interview_under_caution",
        occurredOn: "2026-11-16",
        parentIds: [parent.id],
        outcome: "refused",
        note: "Declined by phone",
      }),
      params({ id: kase.id }),
    );
    expect(interview.status).toBe(201);
    const { id: eventId } = await interview.json();
    expect((await testDb.caseEvent.findUniqueOrThrow({ where: { id: eventId } })).outcome).toBe("refused");

    const certificatePdf = await getCertificatePdf(call(tokens.school, undefined, "GET"), params({ id: referral.id }));
    expect(certificatePdf.status).toBe(200);
    expect(extractPdfText(new Uint8Array(await certificatePdf.arrayBuffer()))).toContain("Zoë Łukasz-Nguyễn");
    const signed = await postCertificate(
      call(tokens.school, { signedBy: "Mrs A Patel", signedOn: "2026-11-19" }),
      params({ id: referral.id }),
    );
    expect(signed.status).toBe(201);

    const after = await (
      await getReferralRoute(call(tokens.manager, undefined, "GET"), params({ id: referral.id }))
    ).json();
    expect(after.readiness.items.filter((i: { met: boolean }) => !i.met).map((i: { key: string }) => i.key)).toEqual([
      "eso",
      "defences",
    ]);
    const letterItem = after.readiness.items.find((i: { key: string }) => i.key === "letters");
    expect(letterItem.evidence).toEqual([{ kind: "letter", id: made[0].id, date: windowStart }]);
  });

  it("422 naming each field, and nothing saved, for a back-dated letter before the case opened or an interview without its outcome", async () => {
    const { kase, parent } = await bare();
    const early = await postLetters(
      call(tokens.officer, { kind: "warning", parentIds: [parent.id], sentOn: "2020-01-01" }),
      params({ id: kase.id }),
    );
    expect(early.status).toBe(422);
    expect((await early.json()).errors.map((e: { field: string }) => e.field)).toEqual(["sentOn"]);
    const future = await postLetters(
      call(tokens.officer, { kind: "warning", parentIds: [parent.id], sentOn: "2026-11-21" }),
      params({ id: kase.id }),
    );
    expect(future.status).toBe(422);
    const noOutcome = await postEvent(
      call(tokens.officer, { kind: "interview_under_caution", occurredOn: "2026-11-16", parentIds: [parent.id] }),
      params({ id: kase.id }),
    );
    expect(noOutcome.status).toBe(422);
    expect((await noOutcome.json()).errors.map((e: { field: string }) => e.field)).toEqual(["outcome"]);
    expect(await testDb.caseLetter.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "interview_under_caution" } })).toBe(0);
  });

  it("refuses the wrong role: another officer 403, school staff 403 on letters and events, another school or authority 404", async () => {
    const { kase, parent, referral } = await bare();
    const letter = { kind: "warning", parentIds: [parent.id] };
    expect((await postLetters(call(tokens.otherOfficer, letter), params({ id: kase.id }))).status).toBe(403);
    expect((await postLetters(call(tokens.school, letter), params({ id: kase.id }))).status).toBe(403);
    expect((await postLetters(call(tokens.otherManager, letter), params({ id: kase.id }))).status).toBe(404);
    const event = { kind: "meeting", occurredOn: "2026-11-16" };
    expect((await postEvent(call(tokens.otherOfficer, event), params({ id: kase.id }))).status).toBe(403);
    expect((await postEvent(call(tokens.school, event), params({ id: kase.id }))).status).toBe(403);
    expect((await getReferralRoute(call(tokens.school, undefined, "GET"), params({ id: referral.id }))).status).toBe(
      404,
    );
    expect(
      (await getReferralRoute(call(tokens.otherManager, undefined, "GET"), params({ id: referral.id }))).status,
    ).toBe(404);
    const signature = { signedBy: "Someone", signedOn: "2026-11-19" };
    expect((await postCertificate(call(tokens.otherSchool, signature), params({ id: referral.id }))).status).toBe(404);
    expect(
      (await getCertificatePdf(call(tokens.otherSchool, undefined, "GET"), params({ id: referral.id }))).status,
    ).toBe(404);
    expect((await postCertificate(call(tokens.otherOfficer, signature), params({ id: referral.id }))).status).toBe(403);
    expect((await postCertificate(call(tokens.otherManager, signature), params({ id: referral.id }))).status).toBe(404);
    expect(await testDb.caseLetter.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await testDb.attendanceCertificate.count({ where: { evidenceId: referral.evidenceId } })).toBe(0);
  });

  it("judges the role and the scope before the input: an administrator gets 403 and another school 404 for a malformed certificate, not 422", async () => {
    const { referral } = await bare();
    const malformed = { signedBy: "", signedOn: "not a date" };
    expect((await postCertificate(call(tokens.admin, malformed), params({ id: referral.id }))).status).toBe(403);
    expect((await getCertificatePdf(call(tokens.admin, undefined, "GET"), params({ id: referral.id }))).status).toBe(
      403,
    );
    // The same answer for a referral that does not exist: the role learns nothing about which ones do.
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await postCertificate(call(tokens.admin, malformed), params({ id: unknown }))).status).toBe(403);
    expect((await postCertificate(call(tokens.otherSchool, malformed), params({ id: referral.id }))).status).toBe(404);
    expect((await postCertificate(call(tokens.school, malformed), params({ id: referral.id }))).status).toBe(422);
    expect(await testDb.attendanceCertificate.count({ where: { evidenceId: referral.evidenceId } })).toBe(0);
  });
});
