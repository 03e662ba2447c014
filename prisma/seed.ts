// Demo data: three North East authorities with schools, pupils, parents/carers and one user per role.
// Run by `npm start` on an empty database (skip with --no-demo), or directly with `npm run seed`.
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { address, adultName, makeUpn, personNames, pick, seededRng, type Rng } from "./factories";

export const DEMO_PASSWORD = "fast-track-demo";

type DemoSchool = {
  urn: number;
  estab: string;
  name: string;
  phase: "primary" | "secondary";
  type: "maintained" | "academy" | "other";
};
type DemoAuthority = {
  laCode: string;
  name: string;
  slug: string;
  town: string;
  postcode: string;
  schools: DemoSchool[];
};

// School names and URNs are invented for the demo; they are not real establishments.
export const DEMO_AUTHORITIES: DemoAuthority[] = [
  {
    laCode: "841",
    name: "Darlington",
    slug: "darlington",
    town: "Darlington",
    postcode: "DL",
    schools: [
      { urn: 984101, estab: "2001", name: "Skerne Park Primary School", phase: "primary", type: "maintained" },
      { urn: 984102, estab: "2002", name: "Cockerton Green Primary School", phase: "primary", type: "maintained" },
      { urn: 984103, estab: "4001", name: "Branksome Hall Academy", phase: "secondary", type: "academy" },
      { urn: 984104, estab: "4002", name: "Harrowgate Hill School", phase: "secondary", type: "maintained" },
    ],
  },
  {
    laCode: "806",
    name: "Middlesbrough",
    slug: "middlesbrough",
    town: "Middlesbrough",
    postcode: "TS",
    schools: [
      { urn: 980601, estab: "2001", name: "Linthorpe Grove Primary School", phase: "primary", type: "maintained" },
      { urn: 980602, estab: "2002", name: "North Ormesby Primary School", phase: "primary", type: "academy" },
      { urn: 980603, estab: "4001", name: "Acklam Vale Academy", phase: "secondary", type: "academy" },
    ],
  },
  {
    laCode: "807",
    name: "Redcar and Cleveland",
    slug: "redcar",
    town: "Redcar",
    postcode: "TS",
    schools: [
      { urn: 980701, estab: "2001", name: "Coatham Sands Primary School", phase: "primary", type: "maintained" },
      { urn: 980702, estab: "2002", name: "Eston Park Primary School", phase: "primary", type: "maintained" },
      { urn: 980703, estab: "4001", name: "Kirkleatham Hall Academy", phase: "secondary", type: "academy" },
    ],
  },
];

export const demoEmail = (slug: string, who: string) => `${who}@${slug}.demo.fasttrack.test`;

/** Marks the database as created as a demo, which lets the demo users sign in (lib/domain/demo-data.ts). Only
 * `npm start` on its embedded database (embedded) and `npm run seed -- --demo` (a server, on purpose) call it. */
export async function markDemoDatabase(db: PrismaClient, { embedded }: { embedded: boolean }) {
  await db.demoDatabase.upsert({ where: { onlyRow: true }, create: { embedded }, update: { embedded } });
}

const PUPILS_PER_SCHOOL = 80;

function dob(rng: Rng, yearGroup: number): string {
  // Year N pupils are born September (2025 - N - 5) to August (2025 - N - 4), for the 2025/26 academic year.
  const start = Date.UTC(2025 - yearGroup - 5, 8, 1);
  const day = Math.floor(rng() * 365);
  return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemo(db: PrismaClient, log: (line: string) => void = () => {}) {
  const rng = seededRng(841_806_807);
  const passwordHash = await hash(DEMO_PASSWORD);

  for (const a of DEMO_AUTHORITIES) {
    const authority = await db.authority.create({ data: { laCode: a.laCode, name: a.name } });
    const schools = [];
    for (const s of a.schools) {
      schools.push(
        await db.school.create({
          data: {
            authorityId: authority.id,
            urn: s.urn,
            estabNumber: s.estab,
            name: s.name,
            phase: s.phase,
            type: s.type,
          },
        }),
      );
    }

    const users = [
      { role: "admin" as const, email: demoEmail(a.slug, "admin"), name: `${a.name} Administrator`, schoolId: null },
      { role: "manager" as const, email: demoEmail(a.slug, "manager"), name: "Helen Manager", schoolId: null },
      { role: "officer" as const, email: demoEmail(a.slug, "officer"), name: "Owen Officer", schoolId: null },
      // The data protection officer: the audit log, subject access requests, retention and legal holds.
      { role: "auditor" as const, email: demoEmail(a.slug, "auditor"), name: "Dana Protection", schoolId: null },
      ...schools.map((s) => ({
        role: "school" as const,
        email: demoEmail(a.slug, `school.${s.urn}`),
        name: `Staff at ${s.name}`,
        schoolId: s.id,
      })),
    ];
    await db.appUser.createMany({
      data: users.map((u) => ({
        ...u,
        authorityId: authority.id,
        passwordHash,
        mustChangePassword: false,
        demo: true,
      })),
    });

    // Households: each has one or two adults; most have one child, some have a sibling at another school.
    let serial = 0;
    const pupilRows: {
      id: string;
      authorityId: string;
      upn: string;
      upnTemporary: boolean;
      firstName: string;
      lastName: string;
      dateOfBirth: Date;
      sex: "F" | "M";
    }[] = [];
    const enrolmentRows: {
      authorityId: string;
      pupilId: string;
      schoolId: string;
      startDate: Date;
      yearGroup: string;
    }[] = [];
    const parentRows: {
      id: string;
      authorityId: string;
      title: string;
      firstName: string;
      lastName: string;
      addressLine1: string;
      town: string;
      postcode: string;
      phone: string;
      email: string | null;
    }[] = [];
    const linkRows: {
      pupilId: string;
      parentId: string;
      authorityId: string;
      relationship: string;
      parentalResponsibility: boolean;
      livesWithPupil: boolean;
    }[] = [];

    const primaries = schools.filter((s) => s.phase === "primary");
    const secondaries = schools.filter((s) => s.phase === "secondary");
    const target = schools.length * PUPILS_PER_SCHOOL;
    while (pupilRows.length < target) {
      const surname = personNames(rng, "F").lastName;
      const home = address(rng, a.town, a.postcode);
      const mother = {
        id: crypto.randomUUID(),
        authorityId: authority.id,
        title: "Ms",
        ...adultName(rng, "F"),
        lastName: surname,
        ...home,
        phone: `07700 9${String(Math.floor(rng() * 100000)).padStart(5, "0")}`,
        email: rng() < 0.6 ? `parent${pupilRows.length}@example.com` : null,
      };
      parentRows.push(mother);
      const separated = rng() < 0.25;
      const secondAdult = rng() < 0.7;
      let father: typeof mother | undefined;
      if (secondAdult) {
        const fatherHome = separated ? address(rng, a.town, a.postcode) : home;
        father = {
          id: crypto.randomUUID(),
          authorityId: authority.id,
          title: "Mr",
          ...adultName(rng, "M"),
          lastName: separated && rng() < 0.5 ? personNames(rng, "M").lastName : surname,
          ...fatherHome,
          phone: `07700 9${String(Math.floor(rng() * 100000)).padStart(5, "0")}`,
          email: null,
        };
        parentRows.push(father);
      }
      const children = rng() < 0.2 ? 2 : 1;
      for (let c = 0; c < children && pupilRows.length < target; c++) {
        // Siblings are placed independently, so many attend different schools.
        const school = pick(rng, rng() < 0.45 && secondaries.length ? secondaries : primaries);
        const yearGroup = school.phase === "secondary" ? 7 + Math.floor(rng() * 5) : 1 + Math.floor(rng() * 6);
        const sex = rng() < 0.5 ? "F" : "M";
        const pupilId = crypto.randomUUID();
        const upn = makeUpn(a.laCode, school.estabNumber, 25 - yearGroup, serial++);
        pupilRows.push({
          id: pupilId,
          authorityId: authority.id,
          upn,
          upnTemporary: false,
          firstName: personNames(rng, sex).firstName,
          lastName: surname,
          dateOfBirth: new Date(`${dob(rng, yearGroup)}T00:00:00Z`),
          sex,
        });
        enrolmentRows.push({
          authorityId: authority.id,
          pupilId,
          schoolId: school.id,
          startDate: new Date(
            yearGroup === 7 || yearGroup === 1
              ? "2025-09-03T00:00:00Z"
              : `${2025 - (school.phase === "secondary" ? yearGroup - 7 : yearGroup - 1)}-09-03T00:00:00Z`,
          ),
          yearGroup: String(yearGroup),
        });
        linkRows.push({
          pupilId,
          parentId: mother.id,
          authorityId: authority.id,
          relationship: "mother",
          parentalResponsibility: true,
          livesWithPupil: true,
        });
        if (father) {
          linkRows.push({
            pupilId,
            parentId: father.id,
            authorityId: authority.id,
            relationship: separated && rng() < 0.3 ? "step_parent" : "father",
            parentalResponsibility: !separated || rng() < 0.8,
            livesWithPupil: !separated,
          });
        }
      }
    }
    await db.pupil.createMany({ data: pupilRows });
    await db.enrolment.createMany({ data: enrolmentRows });
    await db.parent.createMany({ data: parentRows });
    await db.pupilParent.createMany({ data: linkRows });
    log(
      `  ${a.name} (${a.laCode}): ${schools.length} schools, ${pupilRows.length} pupils, ${parentRows.length} parents/carers`,
    );
  }
}
