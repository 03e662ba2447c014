import { randomBytes } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as parentRoute } from "@/app/api/v1/parents/[id]/subject-access/route";
import { GET as pupilRoute } from "@/app/api/v1/pupils/[upn]/subject-access/route";
import { makeApiToken, makeAuthority, makeCase, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import { hashApiToken, type Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getPupil } from "../pupils/get-pupil";
import { buildParentSubjectAccess, buildPupilSubjectAccess } from "./build-subject-access-archive";
import { findSubject } from "./find-subject";

const unzip = (bytes: Uint8Array) => unzipSync(bytes);
const text = (files: Record<string, Uint8Array>, name: string) => {
  const file = files[name];
  if (!file) throw new Error(`${name} is not in the archive: ${Object.keys(files).join(", ")}`);
  return strFromU8(file);
};

describe("subject access archives", () => {
  let manager: Actor;
  let auditor: Actor;
  let officer: Actor;
  let strangerManager: Actor;
  let child: { id: string; upn: string; firstName: string };
  let mother: { id: string };
  let father: { id: string };
  let caseId: string;

  beforeAll(async () => {
    const authority = await makeAuthority(testDb);
    const school = await makeSchool(testDb, authority);
    manager = await makeActor({ authority, role: "manager" });
    auditor = await makeActor({ authority, role: "auditor" });
    officer = await makeActor({ authority, role: "officer" });
    strangerManager = await makeActor({ authority: await makeAuthority(testDb), role: "manager" });
    child = await makePupil(testDb, { authority, school, firstName: "Tegan" });
    mother = await makeParent(testDb, { authority, pupil: child, firstName: "Morwenna", lastName: "Trevithick" });
    father = await makeParent(testDb, {
      authority,
      pupil: child,
      relationship: "father",
      livesWithPupil: false,
      firstName: "Gawain",
      lastName: "Penhaligon",
    });
    await testDb.parent.update({ where: { id: father.id }, data: { phone: "07700 900123", postcode: "TR1 9ZZ" } });
    caseId = (await makeCase(testDb, { authority, pupil: child, officer })).id;
    await testDb.caseParty.createMany({
      data: [mother, father].map((p) => ({ caseId, parentId: p.id, authorityId: authority.id })),
    });
    for (const [parent, subject] of [
      [mother, "Attendance: a letter to Morwenna"],
      [father, "Attendance: a letter to Gawain"],
    ] as const) {
      await testDb.caseLetter.create({
        data: {
          caseId,
          parentId: parent.id,
          authorityId: authority.id,
          productionId: crypto.randomUUID(),
          kind: "warning",
          subject,
          body: "Dear parent, Tegan has missed school.",
          sentOn: new Date("2026-11-02T00:00:00Z"),
          producedBy: officer.id,
        },
      });
    }
    await testDb.penaltyNotice.create({
      data: {
        authorityId: authority.id,
        caseId,
        parentId: father.id,
        pupilId: child.id,
        issueDate: new Date("2026-11-10"),
        periodStart: new Date("2026-10-01"),
        periodEnd: new Date("2026-10-31"),
        unauthorisedSessions: 12,
        sequence: 1,
        lowerAmountPence: 8000,
        higherAmountPence: 16000,
        lowerUntil: new Date("2026-12-01"),
        lastDay: new Date("2026-12-08"),
        issuedBy: officer.id,
      },
    });
    await getPupil(officer, { id: child.id }); // an access the archive's log must show
  });

  it("gives a manager everything about a pupil in one zip, other people's contact details withheld and listed", async () => {
    const archive = await buildPupilSubjectAccess(manager, { upn: child.upn.toLowerCase() });
    expect(archive.filename).toBe(`subject-access-${child.upn}.zip`);
    const files = unzip(archive.bytes);
    expect(Object.keys(files).sort()).toEqual(archive.files);
    expect(archive.files).toEqual(
      expect.arrayContaining([
        "README.txt",
        "pupil.json",
        "register-marks.csv",
        "register-mark-changes.csv",
        "cases.json",
        "school-flags.json",
        "access-log.csv",
        "for-redaction-review/withheld.csv",
      ]),
    );
    const pupil = JSON.parse(text(files, "pupil.json")) as {
      upn: string;
      parentsAndCarers: { contactDetails: string }[];
    };
    expect(pupil.upn).toBe(child.upn);
    expect(pupil.parentsAndCarers.map((p) => p.contactDetails)).toEqual([
      expect.stringContaining("withheld"),
      expect.stringContaining("withheld"),
    ]);
    expect(text(files, "pupil.json")).not.toContain("07700 900123");
    const withheld = text(files, "for-redaction-review/withheld.csv");
    expect(withheld).toContain("07700 900123");
    expect(withheld).toContain("Gawain Penhaligon");
    // both letters, as PDFs, and each marked for review (they are addressed to a parent)
    const letters = archive.files.filter((f) => f.startsWith("letters/"));
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(strFromU8(files[letter]!.slice(0, 5))).toBe("%PDF-");
      expect(withheld).toContain(letter);
    }
    const cases = JSON.parse(text(files, "cases.json")) as { penaltyNotices: unknown[]; parties: string[] }[];
    expect(cases).toHaveLength(1);
    expect(cases[0]!.penaltyNotices).toHaveLength(1);
    expect(cases[0]!.parties.sort()).toEqual(["Gawain Penhaligon", "Morwenna Trevithick"]);
    const log = text(files, "access-log.csv");
    expect(log).toContain("pupil.view");
    expect(log).toContain(officer.name);
    expect(archive.withheld).toBeGreaterThan(0);
  });

  it("gives a parent's archive their own details, letters and notices only, and withholds the other party", async () => {
    const archive = await buildParentSubjectAccess(auditor, mother.id, "api");
    const files = unzip(archive.bytes);
    const parent = JSON.parse(text(files, "parent-or-carer.json")) as { lastName: string; children: { upn: string }[] };
    expect(parent.lastName).toBe("Trevithick");
    expect(parent.children.map((c) => c.upn)).toEqual([child.upn]);
    const cases = JSON.parse(text(files, "cases.json")) as { penaltyNotices: unknown[]; parties: string[] }[];
    expect(cases[0]!.parties.sort()).toEqual(["Morwenna Trevithick", expect.stringContaining("withheld")]);
    expect(cases[0]!.penaltyNotices).toEqual([]); // the father's notice is his, not hers
    expect(archive.files.filter((f) => f.startsWith("letters/"))).toHaveLength(1);
    expect(text(files, "cases.json")).not.toContain("Penhaligon");
    expect(text(files, "for-redaction-review/withheld.csv")).toContain("Gawain Penhaligon");
    expect(archive.filename).toBe("subject-access-morwenna-trevithick.zip");
  });

  it("audits every archive made, with who asked and how", async () => {
    await buildPupilSubjectAccess(auditor, { id: child.id }, "api");
    const rows = await testDb.auditLog.findMany({
      where: { action: "subject_access.export", actorUserId: auditor.id, entityId: child.id },
    });
    expect(rows).toEqual([
      expect.objectContaining({ entityType: "pupil", detail: expect.objectContaining({ via: "api" }) }),
    ]);
    expect(
      await testDb.auditLog.count({
        where: { action: "subject_access.export", actorUserId: auditor.id, entityId: mother.id },
      }),
    ).toBe(1);
  });

  it("refuses an officer, and finds nothing in another authority", async () => {
    await expect(buildPupilSubjectAccess(officer, { id: child.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(buildParentSubjectAccess(officer, mother.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(buildPupilSubjectAccess(strangerManager, { upn: child.upn })).rejects.toBeInstanceOf(NotFoundError);
    await expect(buildParentSubjectAccess(strangerManager, mother.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(buildParentSubjectAccess(manager, "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers GET /api/v1/pupils/{upn}/subject-access and the parent's with a zip, and refuses the wrong role", async () => {
    const tokenFor = async (actor: Actor) => {
      const token = `ft_${randomBytes(16).toString("hex")}`;
      await makeApiToken(testDb, { id: actor.id }, hashApiToken(token));
      return token;
    };
    const get = (token: string) =>
      new Request("http://127.0.0.1/api", { headers: { authorization: `Bearer ${token}` } });
    const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
    const auditorToken = await tokenFor(auditor);

    const pupilZip = await pupilRoute(get(auditorToken), params({ upn: child.upn }));
    expect(pupilZip.status).toBe(200);
    expect(pupilZip.headers.get("content-type")).toBe("application/zip");
    expect(pupilZip.headers.get("content-disposition")).toContain(`subject-access-${child.upn}.zip`);
    expect(Object.keys(unzip(new Uint8Array(await pupilZip.arrayBuffer())))).toContain("pupil.json");
    const parentZip = await parentRoute(get(auditorToken), params({ id: father.id }));
    expect(parentZip.status).toBe(200);
    expect(Object.keys(unzip(new Uint8Array(await parentZip.arrayBuffer())))).toContain("parent-or-carer.json");

    expect((await pupilRoute(get(await tokenFor(officer)), params({ upn: child.upn }))).status).toBe(403);
    expect((await parentRoute(get(await tokenFor(strangerManager)), params({ id: father.id }))).status).toBe(404);
    expect((await pupilRoute(get("ft_not-a-token"), params({ upn: child.upn }))).status).toBe(401);
  });

  it("finds the pupil and their parents for the page (audited), and names a bad or unknown UPN", async () => {
    const subject = await findSubject(auditor, ` ${child.upn.toLowerCase()} `);
    expect(subject.pupil.upn).toBe(child.upn);
    expect(subject.parents.map((p) => p.name)).toEqual(["Gawain Penhaligon", "Morwenna Trevithick"]);
    expect(
      await testDb.auditLog.count({
        where: { action: "subject_access.find", actorUserId: auditor.id, entityId: child.id },
      }),
    ).toBe(1);
    const unknown = await findSubject(strangerManager, child.upn).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).fieldErrors.upn?.[0]).toMatch(/^No pupil with UPN/);
    const mistyped = await findSubject(manager, "B801200001001").catch((e: unknown) => e);
    expect((mistyped as ValidationError).fieldErrors.upn?.[0]).toContain("check letter");
    await expect(findSubject(officer, child.upn)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
