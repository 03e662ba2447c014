// Builders for realistic records, shared by the demo seed and the tests. Each takes the Prisma client to use,
// so tests can make their own authority and users and never need to truncate tables.
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { checkLetterFor } from "../lib/domain/upn";
import type { Role } from "../lib/domain/roles";
import type { Relationship } from "../lib/domain/relationships";

export type Rng = () => number;

/** A small seeded PRNG (mulberry32) so demo data is the same on every machine. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const defaultRng = seededRng(Date.now() ^ (process.pid << 8));

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: string }).code === "P2002";
}

async function withUniqueRetry<T>(make: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await make();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt > 20) throw error;
    }
  }
}

/**
 * The LA codes of the demo authorities (prisma/seed.ts). Test authorities never take them: a test that seeds the
 * demo into the shared test database (seed-enforcement) fails on the unique LA code if another test file made a
 * random authority with one first.
 */
export const DEMO_LA_CODES: readonly string[] = ["841", "806", "807"];

/** A random three-digit LA code for a test authority, never a demo authority's. */
export function drawTestLaCode(rng: Rng = defaultRng): string {
  for (;;) {
    const code = String(100 + Math.floor(rng() * 900));
    if (!DEMO_LA_CODES.includes(code)) return code;
  }
}

/** Test schools' URNs are at most this: clear of the demo schools' (98xxxx), which the demo seed takes. */
export const TEST_URN_MAX = 899999;

export async function makeAuthority(db: PrismaClient, data: { laCode?: string; name?: string } = {}) {
  return withUniqueRetry(() => {
    const laCode = data.laCode ?? drawTestLaCode();
    return db.authority.create({ data: { laCode, name: data.name ?? `Test Authority ${laCode}` } });
  });
}

export async function makeSchool(
  db: PrismaClient,
  authority: { id: string },
  data: Partial<{
    urn: number;
    estabNumber: string;
    name: string;
    phase: "primary" | "secondary";
    type: "maintained" | "academy" | "other";
  }> = {},
) {
  return withUniqueRetry(() => {
    const urn = data.urn ?? 100000 + Math.floor(defaultRng() * (TEST_URN_MAX - 99999));
    const phase = data.phase ?? "primary";
    const estabNumber =
      data.estabNumber ?? String((phase === "primary" ? 2000 : 4000) + Math.floor(defaultRng() * 1000));
    return db.school.create({
      data: {
        authorityId: authority.id,
        urn,
        estabNumber,
        name: data.name ?? `School ${urn}`,
        phase,
        type: data.type ?? "maintained",
      },
    });
  });
}

export const TEST_PASSWORD = "correct-horse-battery";
let testPasswordHash: Promise<string> | undefined;

export async function makeUser(
  db: PrismaClient,
  data: {
    authority: { id: string };
    role: Role;
    school?: { id: string };
    email?: string;
    name?: string;
    password?: string;
    mustChangePassword?: boolean;
  },
) {
  const passwordHash = data.password ? await hash(data.password) : await (testPasswordHash ??= hash(TEST_PASSWORD));
  return withUniqueRetry(() =>
    db.appUser.create({
      data: {
        authorityId: data.authority.id,
        schoolId: data.school?.id ?? null,
        email: data.email ?? `${data.role}.${Math.floor(defaultRng() * 1e9)}@test.example.gov.uk`,
        name: data.name ?? `Test ${data.role}`,
        role: data.role,
        passwordHash,
        mustChangePassword: data.mustChangePassword ?? false,
        oneTimePasswordExpiresAt: data.mustChangePassword ? new Date(Date.now() + 72 * 3600_000) : null,
      },
    }),
  );
}

/** Stores an API token for a user (the token's hash; the token itself is the caller's): it belongs to the user's
 * authority, as every per-authority row does (ADR 070). */
export async function makeApiToken(db: PrismaClient, user: { id: string }, tokenHash: string) {
  const { authorityId } = await db.appUser.findUniqueOrThrow({ where: { id: user.id } });
  return db.apiToken.create({ data: { authorityId, userId: user.id, tokenHash } });
}

/** A valid permanent UPN allocated by the given LA and establishment. */
export function makeUpn(laCode: string, estabNumber: string, year: number, serial: number): string {
  const body = `${laCode}${estabNumber}${String(year % 100).padStart(2, "0")}${String(serial % 1000).padStart(3, "0")}`;
  return checkLetterFor(body) + body;
}

const FIRST_NAMES_F = [
  "Olivia",
  "Amelia",
  "Isla",
  "Ava",
  "Mia",
  "Ivy",
  "Lily",
  "Freya",
  "Grace",
  "Sophie",
  "Ella",
  "Poppy",
  "Evie",
  "Ruby",
  "Chloe",
  "Maisie",
  "Jessica",
  "Holly",
  "Millie",
  "Leah",
];
const FIRST_NAMES_M = [
  "Oliver",
  "George",
  "Noah",
  "Arthur",
  "Leo",
  "Harry",
  "Jack",
  "Charlie",
  "Thomas",
  "Oscar",
  "Jacob",
  "Alfie",
  "Finley",
  "Mason",
  "Riley",
  "Callum",
  "Lewis",
  "Kyle",
  "Ryan",
  "Dylan",
];
const ADULT_F = [
  "Sarah",
  "Emma",
  "Claire",
  "Nicola",
  "Joanne",
  "Kelly",
  "Lisa",
  "Michelle",
  "Rebecca",
  "Donna",
  "Gemma",
  "Stacey",
];
const ADULT_M = [
  "David",
  "Paul",
  "Mark",
  "Stephen",
  "Andrew",
  "Craig",
  "Lee",
  "Darren",
  "Gary",
  "Wayne",
  "Neil",
  "Martin",
];
const SURNAMES = [
  "Smith",
  "Robson",
  "Bell",
  "Wilson",
  "Thompson",
  "Walker",
  "Johnson",
  "Hall",
  "Wood",
  "Atkinson",
  "Dixon",
  "Taylor",
  "Brown",
  "Harrison",
  "Scott",
  "Armstrong",
  "Elliott",
  "Clarke",
  "Watson",
  "Charlton",
  "Hodgson",
  "Pearson",
  "Lamb",
  "Milburn",
];
const STREETS = [
  "Victoria Road",
  "North Road",
  "Grange Road",
  "Coniscliffe Road",
  "Linthorpe Road",
  "Marton Road",
  "Coatham Road",
  "Kirkleatham Lane",
  "Station Road",
  "Church Lane",
  "Park View",
  "Albert Road",
];

export function personNames(rng: Rng, sex: "F" | "M") {
  return { firstName: pick(rng, sex === "F" ? FIRST_NAMES_F : FIRST_NAMES_M), lastName: pick(rng, SURNAMES) };
}

export function adultName(rng: Rng, sex: "F" | "M") {
  return { firstName: pick(rng, sex === "F" ? ADULT_F : ADULT_M) };
}

export function address(rng: Rng, town: string, postcodeArea: string) {
  return {
    addressLine1: `${1 + Math.floor(rng() * 180)} ${pick(rng, STREETS)}`,
    town,
    postcode: `${postcodeArea}${1 + Math.floor(rng() * 9)} ${1 + Math.floor(rng() * 9)}${pick(rng, ["AB", "DF", "HJ", "LN", "PR", "TW"])}`,
  };
}

export type PupilData = {
  authority: { id: string; laCode: string };
  school: { id: string; estabNumber: string };
  upn?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  sex?: "F" | "M";
  yearGroup?: string;
  enrolledOn?: string;
  leftOn?: string | null;
};

let upnSerial = Math.floor(defaultRng() * 1000);

/** A pupil enrolled at a school (on roll from `enrolledOn`, default 1 September 2025). */
export async function makePupil(db: PrismaClient, data: PupilData) {
  const sex = data.sex ?? (defaultRng() < 0.5 ? "F" : "M");
  const names = personNames(defaultRng, sex);
  return withUniqueRetry(async () => {
    const upn =
      data.upn ??
      makeUpn(data.authority.laCode, data.school.estabNumber, 10 + Math.floor(defaultRng() * 15), upnSerial++);
    return db.pupil.create({
      data: {
        authorityId: data.authority.id,
        upn,
        upnTemporary: /[A-Z]$/.test(upn),
        firstName: data.firstName ?? names.firstName,
        lastName: data.lastName ?? names.lastName,
        dateOfBirth: new Date(`${data.dateOfBirth ?? "2014-05-01"}T00:00:00Z`),
        sex,
        enrolments: {
          create: {
            schoolId: data.school.id,
            startDate: new Date(`${data.enrolledOn ?? "2025-09-01"}T00:00:00Z`),
            endDate: data.leftOn ? new Date(`${data.leftOn}T00:00:00Z`) : null,
            yearGroup: data.yearGroup ?? "7",
          },
        },
      },
    });
  });
}

export async function makeParent(
  db: PrismaClient,
  data: {
    authority: { id: string };
    pupil: { id: string };
    relationship?: Relationship;
    parentalResponsibility?: boolean;
    livesWithPupil?: boolean;
    firstName?: string;
    lastName?: string;
  },
) {
  const parent = await db.parent.create({
    data: {
      authorityId: data.authority.id,
      firstName: data.firstName ?? "Sam",
      lastName: data.lastName ?? "Parent",
      addressLine1: "1 Test Street",
      town: "Darlington",
      postcode: "DL1 1AA",
    },
  });
  await db.pupilParent.create({
    data: {
      pupilId: data.pupil.id,
      parentId: parent.id,
      authorityId: data.authority.id,
      relationship: data.relationship ?? "mother",
      parentalResponsibility: data.parentalResponsibility ?? true,
      livesWithPupil: data.livesWithPupil ?? true,
    },
  });
  return parent;
}

/** The 2026/27 term dates used by the casework tests and demo (an English-style year with half-terms). */
export const TERMS_2026_27 = [
  { kind: "term", start: "2026-09-02", end: "2026-10-23", name: "Autumn 1" },
  { kind: "term", start: "2026-11-02", end: "2026-12-18", name: "Autumn 2" },
  { kind: "term", start: "2027-01-05", end: "2027-02-12", name: "Spring 1" },
  { kind: "term", start: "2027-02-22", end: "2027-03-26", name: "Spring 2" },
  { kind: "term", start: "2027-04-12", end: "2027-05-28", name: "Summer 1" },
  { kind: "term", start: "2027-06-07", end: "2027-07-21", name: "Summer 2" },
] as const;

/** Stores calendar rows for an authority as they are (no school_week rebuild: use saveCalendar for that). */
export async function makeCalendar(
  db: PrismaClient,
  authority: { id: string },
  entries: readonly { kind: string; start: string; end: string; name: string }[] = TERMS_2026_27,
) {
  await db.calendarEntry.createMany({
    data: entries.map((e) => ({
      authorityId: authority.id,
      kind: e.kind,
      startDate: new Date(`${e.start}T00:00:00Z`),
      endDate: new Date(`${e.end}T00:00:00Z`),
      name: e.name,
    })),
  });
}

/** An open case for a pupil, assigned to an officer, written directly (no timeline, no audit). */
export async function makeCase(
  db: PrismaClient,
  data: { authority: { id: string }; pupil: { id: string }; officer: { id: string }; openedOn?: string },
) {
  return db.attendanceCase.create({
    data: {
      authorityId: data.authority.id,
      pupilId: data.pupil.id,
      assignedOfficerId: data.officer.id,
      openedBy: data.officer.id,
      openedOn: new Date(`${data.openedOn ?? "2026-10-01"}T00:00:00Z`),
    },
  });
}
