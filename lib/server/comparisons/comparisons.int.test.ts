import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority } from "@/prisma/factories";
import { comparisonFigureSchema } from "@/lib/schemas/comparison";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { addComparisonFigure } from "./add-comparison-figure";
import { deleteComparisonFigure } from "./delete-comparison-figure";
import { findComparisonFigures } from "./find-comparison-figures";

let admin: Actor;
let officer: Actor;
let otherAdmin: Actor;

beforeAll(async () => {
  const a = await makeAuthority(testDb);
  const b = await makeAuthority(testDb);
  admin = await makeActor({ authority: a, role: "admin" });
  officer = await makeActor({ authority: a, role: "officer" });
  otherAdmin = await makeActor({ authority: b, role: "admin" });
});

const input = (over: Record<string, string> = {}) =>
  comparisonFigureSchema.parse({
    academicYear: "2025",
    kind: "national",
    label: "England",
    unauthorisedRate: "1.02",
    source: "DfE SFR",
    ...over,
  });

const figuresOf = (actor: Actor) =>
  testDb.comparisonFigure.findMany({ where: { authorityId: actor.authorityId }, orderBy: { label: "asc" } });

describe("comparison figures", () => {
  it("adds a figure to the administrator's authority, exactly as entered, and audits it", async () => {
    const figure = await addComparisonFigure({
      actor: admin,
      input: input({ label: "England (add)", unauthorisedRate: "0.79" }),
    });
    expect(figure.authorityId).toBe(admin.authorityId);
    expect(figure.unauthorisedRate.toString()).toBe("0.79");
    expect(
      await testDb.auditLog.count({
        where: { action: "comparison_figure.add", entityId: figure.id, actorUserId: admin.id },
      }),
    ).toBe(1);

    const listed = await findComparisonFigures(admin);
    expect(listed.find((f) => f.id === figure.id)).toEqual({
      id: figure.id,
      academicYear: 2025,
      kind: "national",
      label: "England (add)",
      unauthorisedRate: 0.79,
      source: "DfE SFR",
    });
    expect((await findComparisonFigures(otherAdmin)).some((f) => f.id === figure.id)).toBe(false);
  });

  it("lists the newest academic year first", async () => {
    await addComparisonFigure({ actor: admin, input: input({ academicYear: "2005", label: "Order test" }) });
    await addComparisonFigure({ actor: admin, input: input({ academicYear: "2016", label: "Order test" }) });
    const years = (await findComparisonFigures(admin))
      .filter((f) => f.label === "Order test")
      .map((f) => f.academicYear);
    expect(years).toEqual([2016, 2005]);
  });

  it("refuses a second figure with the same year, kind and label, leaving the data unchanged", async () => {
    await addComparisonFigure({ actor: admin, input: input({ label: "Duplicate test" }) });
    const before = await figuresOf(admin);
    const attempt = addComparisonFigure({
      actor: admin,
      input: input({ label: "Duplicate test", unauthorisedRate: "2" }),
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { label: [expect.stringContaining("already a national figure")] },
    });
    expect(await figuresOf(admin)).toEqual(before);

    // The same label for another kind, another year or another authority is a different figure.
    await addComparisonFigure({ actor: admin, input: input({ label: "Duplicate test", kind: "authority" }) });
    await addComparisonFigure({ actor: admin, input: input({ label: "Duplicate test", academicYear: "2024" }) });
    await addComparisonFigure({ actor: otherAdmin, input: input({ label: "Duplicate test" }) });
  });

  it("refuses bad input at the schema, so nothing reaches the database", async () => {
    const before = await figuresOf(admin);
    for (const bad of [
      { unauthorisedRate: "100.5" },
      { unauthorisedRate: "1.234" },
      { academicYear: "1900" },
      { kind: "regional" },
      { label: " " },
    ]) {
      expect(
        comparisonFigureSchema.safeParse({
          academicYear: "2025",
          kind: "national",
          label: "X",
          unauthorisedRate: "1",
          ...bad,
        }).success,
      ).toBe(false);
    }
    // And the database refuses what slips past a caller that skips the schema.
    await expect(
      addComparisonFigure({ actor: admin, input: { ...input({ label: "Out of range" }), unauthorisedRate: 150 } }),
    ).rejects.toThrow();
    expect(await figuresOf(admin)).toEqual(before);
  });

  it("refuses officers (and any role but administrator) with ForbiddenError", async () => {
    const before = await figuresOf(admin);
    await expect(addComparisonFigure({ actor: officer, input: input({ label: "Officer" }) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(findComparisonFigures(officer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteComparisonFigure(officer, before[0]!.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await figuresOf(admin)).toEqual(before);
  });

  it("deletes a figure with an audit row; another authority's figure is not found and stays", async () => {
    const mine = await addComparisonFigure({ actor: admin, input: input({ label: "Delete test" }) });
    const theirs = await addComparisonFigure({ actor: otherAdmin, input: input({ label: "Delete test (theirs)" }) });

    await expect(deleteComparisonFigure(admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await testDb.comparisonFigure.findUnique({ where: { id: theirs.id } })).not.toBeNull();

    await deleteComparisonFigure(admin, mine.id);
    expect(await testDb.comparisonFigure.findUnique({ where: { id: mine.id } })).toBeNull();
    expect(await testDb.auditLog.count({ where: { action: "comparison_figure.delete", entityId: mine.id } })).toBe(1);
    await expect(deleteComparisonFigure(admin, mine.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
