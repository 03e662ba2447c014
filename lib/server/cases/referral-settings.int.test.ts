// The authority's referral rules (issue 10): administrators set the referral minimum (local policy, 1 to 380)
// and the interview-under-caution item; the rule holds in the domain, the shared schema and the database.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/domain/referral-grounds";
import { makeAuthority } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, ValidationError } from "../errors";
import { getReferralSettings } from "./get-referral-settings";
import { setReferralSettings } from "./set-referral-settings";

let admin: Actor;
let manager: Actor;
let officer: Actor;

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  admin = await makeActor({ authority, role: "admin" });
  manager = await makeActor({ authority, role: "manager" });
  officer = await makeActor({ authority, role: "officer" });
});

describe("referral settings", () => {
  it("default to a minimum of 10 with the interview under caution required, and an administrator changes them", async () => {
    expect(await getReferralSettings(admin)).toEqual(DEFAULT_REFERRAL_SETTINGS);
    await setReferralSettings(admin, { referralMinimum: "4", interviewUnderCautionRequired: false });
    expect(await getReferralSettings(admin)).toEqual({ referralMinimum: 4, interviewUnderCautionRequired: false });
    const row = await testDb.auditLog.findFirstOrThrow({
      where: { entityId: admin.authorityId, action: "referral_settings.update" },
    });
    expect(row.detail).toEqual({ referralMinimum: 4, interviewUnderCautionRequired: false });
  });

  it("refuses a minimum below 1 or that is not a whole number, naming the field, and changes nothing", async () => {
    await setReferralSettings(admin, { referralMinimum: 7, interviewUnderCautionRequired: true });
    for (const bad of ["0", "-3", "2.5", "381", "ten", ""]) {
      const error = await setReferralSettings(admin, {
        referralMinimum: bad,
        interviewUnderCautionRequired: true,
      }).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["referralMinimum"]);
    }
    expect((await getReferralSettings(admin)).referralMinimum).toBe(7);
  });

  it("the database refuses a minimum below 1 from any writer", async () => {
    await expect(
      rawPool.query("UPDATE authority_case_settings SET referral_minimum = 0 WHERE authority_id = $1", [
        admin.authorityId,
      ]),
    ).rejects.toThrow(/authority_case_settings_referral_minimum_range/);
  });

  it("only administrators may read or change them", async () => {
    for (const actor of [manager, officer]) {
      await expect(getReferralSettings(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        setReferralSettings(actor, { referralMinimum: 1, interviewUnderCautionRequired: false }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await getReferralSettings(admin)).referralMinimum).toBe(7);
  });
});
