// A Prisma client and a raw pg pool on the test database, for integration tests, connected as the app's runtime
// role (ADR 031); and a pool connected as the owner (a superuser), for tests that act as an attacker with that
// power or check the database's own guards behind the grants.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/auth";
import { makeUser } from "@/prisma/factories";

export const testDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
export const rawPool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 4 });
export const ownerPool = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL!, max: 2 });

/** The Actor the server functions expect, for a user made by the factories. */
export async function actorFor(userId: string): Promise<Actor> {
  const u = await testDb.appUser.findUniqueOrThrow({
    where: { id: userId },
    include: { authority: true, school: true },
  });
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    authorityId: u.authorityId,
    authorityName: u.authority.name,
    schoolId: u.schoolId,
    schoolName: u.school?.name ?? null,
    mustChangePassword: u.mustChangePassword,
  };
}

/** A new user made by the factories, as an Actor: `await makeActor({ authority, role: "officer" })`. */
export async function makeActor(data: Parameters<typeof makeUser>[1]): Promise<Actor> {
  return actorFor((await makeUser(testDb, data)).id);
}
