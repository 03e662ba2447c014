import { describe, expect, it } from "vitest";
import { CASE_STATES } from "./case-state";
import { canChangeCase, checkVersion } from "./case-rules";
import { ROLES } from "./roles";

const NOT_YOURS = { ok: false, message: "Only the officer assigned to this case, or a manager, can change it" };
const CLOSED = { ok: false, message: "A closed case must be reopened before it can be changed" };
const OK = { ok: true };

describe("canChangeCase", () => {
  const assigned = { id: "officer-a", role: "officer" as const };
  const otherOfficer = { id: "officer-b", role: "officer" as const };
  const manager = { id: "manager-1", role: "manager" as const };
  const openCase = { assignedOfficerId: "officer-a", status: "window_active" as const };
  const closedCase = { assignedOfficerId: "officer-a", status: "closed" as const };

  it("lets a manager change any case, assigned to anyone or to no one", () => {
    expect(canChangeCase(manager, openCase)).toEqual(OK);
    expect(canChangeCase(manager, { assignedOfficerId: null, status: "open" })).toEqual(OK);
  });

  it("lets the assigned officer change their case", () => {
    expect(canChangeCase(assigned, openCase)).toEqual(OK);
  });

  it("refuses another officer, and any officer on an unassigned case", () => {
    expect(canChangeCase(otherOfficer, openCase)).toEqual(NOT_YOURS);
    expect(canChangeCase(assigned, { assignedOfficerId: null, status: "open" })).toEqual(NOT_YOURS);
  });

  it.each(["admin", "school"] as const)("refuses %s users even when their id matches the assigned officer", (role) => {
    expect(canChangeCase({ id: "officer-a", role }, openCase)).toEqual(NOT_YOURS);
    expect(canChangeCase({ id: "officer-a", role }, closedCase, "reopen")).toEqual(NOT_YOURS);
  });

  it("treats a closed case as read-only to everyone", () => {
    expect(canChangeCase(manager, closedCase)).toEqual(CLOSED);
    expect(canChangeCase(assigned, closedCase)).toEqual(CLOSED);
    expect(canChangeCase(assigned, closedCase, "edit")).toEqual(CLOSED);
  });

  it("lets the assigned officer or a manager reopen a closed case, and nobody else", () => {
    expect(canChangeCase(manager, closedCase, "reopen")).toEqual(OK);
    expect(canChangeCase(assigned, closedCase, "reopen")).toEqual(OK);
    expect(canChangeCase(otherOfficer, closedCase, "reopen")).toEqual(NOT_YOURS);
  });

  it("answers who may act, whatever the state (whether a reopen is possible is transition()'s answer)", () => {
    for (const status of CASE_STATES) {
      for (const role of ROLES) {
        const actor = { id: "officer-a", role };
        const expected = role === "manager" || role === "officer" ? (status === "closed" ? CLOSED : OK) : NOT_YOURS;
        expect(canChangeCase(actor, { assignedOfficerId: "officer-a", status })).toEqual(expected);
        expect(canChangeCase(actor, { assignedOfficerId: "officer-a", status }, "reopen")).toEqual(
          expected === CLOSED ? OK : expected,
        );
      }
    }
  });
});

describe("checkVersion", () => {
  it("accepts the version the form was built from", () => {
    expect(checkVersion(7, 7)).toEqual(OK);
  });

  it.each([
    [7, 8],
    [8, 7],
    [0, 1],
  ])("refuses %i when the case is now at %i", (expected, actual) => {
    expect(checkVersion(expected, actual)).toEqual({
      ok: false,
      message:
        "This case was changed by someone else after you opened it. Reload the page to see their changes; " +
        "nothing you entered has been saved.",
    });
  });
});
