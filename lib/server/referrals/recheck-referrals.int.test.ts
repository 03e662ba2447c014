// Issue 10 §6: referrals made before the lawful grounds (or under a lower minimum) and still awaiting review are
// judged again on their own frozen evidence and listed for the managers, by the library and by the operator's
// command; nothing is changed.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import { runCli } from "@/tests/run-cli";
import { setReferralSettings } from "../cases/set-referral-settings";
import { findReferralQueue } from "./find-referral-queue";
import { recheckAwaitingReferrals } from "./recheck-referrals";
import { rejectReferral } from "./reject-referral";
import { makeReferredCase } from "./test-factories";

/** An authority with one referral awaiting review: the fixture's window has 9 unauthorised sessions. */
async function authorityWithReferral(referralMinimum: number) {
  const authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  const officer = await makeUser(testDb, { authority, role: "officer" });
  const admin = await makeActor({ authority, role: "admin" });
  await setReferralSettings(admin, { referralMinimum, interviewUnderCautionRequired: true });
  const pupil = await makePupil(testDb, { authority, school, firstName: "Charlie", lastName: "Thompson" });
  const parent = await makeParent(testDb, { authority, pupil, firstName: "Paul", lastName: "Thompson" });
  const { referrals } = await makeReferredCase(testDb, { authority, pupil, officer, parentIds: [parent.id] });
  return { authority, school, pupil, parent, referral: referrals[0]! };
}

let above: Awaited<ReturnType<typeof authorityWithReferral>>;
let below: Awaited<ReturnType<typeof authorityWithReferral>>;

beforeAll(async () => {
  below = await authorityWithReferral(10);
  above = await authorityWithReferral(9);
});

describe("re-checking referrals awaiting review", () => {
  it("lists a referral below the authority's minimum with the reason, not one at it, and changes nothing", async () => {
    const before = await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: below.referral.id } });
    const listed = await recheckAwaitingReferrals({ authorityId: below.authority.id });
    expect(listed.checked).toBe(1);
    expect(listed.ungrounded).toEqual([
      expect.objectContaining({
        referralId: below.referral.id,
        pupil: { name: "Charlie Thompson", upn: below.pupil.upn },
        parent: { name: "Paul Thompson" },
        reasons: [expect.objectContaining({ code: "below_referral_minimum" })],
      }),
    ]);
    expect(listed.ungrounded[0]!.reasons[0]!.message).toMatch(/9 unauthorised sessions.*10/);
    expect((await recheckAwaitingReferrals({ authorityId: above.authority.id })).ungrounded).toEqual([]);

    const after = await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: below.referral.id } });
    expect(after).toEqual(before);
    const audited = await testDb.auditLog.findMany({
      where: { authorityId: below.authority.id, action: "referral.recheck" },
    });
    expect(audited.map((a) => a.detail)).toEqual([{ checked: 1, ungrounded: [below.referral.id] }]);
  });

  it("the managers' queue marks a referral the rules would not make now, and names the record's missing items", async () => {
    const own = await authorityWithReferral(9);
    const manager = await makeActor({ authority: own.authority, role: "manager" });
    const admin = await makeActor({ authority: own.authority, role: "admin" });
    const officer = await testDb.appUser.findFirstOrThrow({
      where: { authorityId: own.authority.id, role: "officer" },
    });
    const pupil = await makePupil(testDb, { authority: own.authority, school: own.school });
    const parent = await makeParent(testDb, { authority: own.authority, pupil });
    const bare = await makeReferredCase(testDb, {
      authority: own.authority,
      pupil,
      officer,
      parentIds: [parent.id],
      ready: { letters: false, interview: false },
    });
    const queue = await findReferralQueue(manager);
    expect(queue.find((q) => q.id === own.referral.id)).toMatchObject({ notGroundedNow: null, missing: [] });
    expect(queue.find((q) => q.id === bare.referrals[0]!.id)).toMatchObject({
      notGroundedNow: null,
      missing: ["letters", "warning", "interview"],
    });
    // The authority raises its minimum above the 9 unauthorised sessions both rest on.
    await setReferralSettings(admin, { referralMinimum: 10, interviewUnderCautionRequired: true });
    const again = await findReferralQueue(manager);
    for (const id of [own.referral.id, bare.referrals[0]!.id])
      expect(again.find((q) => q.id === id)?.notGroundedNow).toEqual([
        expect.objectContaining({ code: "below_referral_minimum" }),
      ]);
  });

  it("a referral no longer awaiting review is not listed", async () => {
    const second = await authorityWithReferral(10);
    const rejecter = await makeActor({ authority: second.authority, role: "manager" });
    // Rejected to casework (as a manager does with the reason the page fills in): no longer awaiting review.
    await rejectReferral(rejecter, {
      referralId: second.referral.id,
      version: second.referral.version,
      reason: "Not referred under the rules in force since 6 December 2026.",
      route: "casework",
    });
    expect(await recheckAwaitingReferrals({ authorityId: second.authority.id })).toEqual({
      checked: 0,
      ungrounded: [],
    });
  });
});

// The command spawns a child process (about 2 s each on an idle 2-core machine); 120 s holds on a busy one.
describe("npm run cli -- referrals recheck", { timeout: 120_000 }, () => {
  it("prints the list in words and as JSON, exits 0, and refuses a bad option with exit 2", async () => {
    const text = await runCli(["referrals", "recheck", "--authority", below.authority.laCode]);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Referrals awaiting review: 1 checked; 1 the rules in force");
    expect(text.stdout).toContain(`Charlie Thompson (UPN ${below.pupil.upn}): Paul Thompson`);
    expect(text.stdout).toContain(`Reject it at /referrals/${below.referral.id}`);
    expect(text.stdout).toContain("Nothing was changed.");

    const json = await runCli(["referrals", "recheck", "--authority", above.authority.laCode, "--format", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ checked: 1, ungrounded: [] });

    const bad = await runCli(["referrals", "recheck", "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be text or json, not "xml"');
    expect(
      await testDb.prosecutionReferral.count({ where: { id: below.referral.id, status: "awaiting_review" } }),
    ).toBe(1);
  });
});
