// `npm run seed`: adds the demo data (prisma/seed.ts) to an empty database, the one the CLI uses: DATABASE_URL
// when set, otherwise the embedded PostgreSQL (npm start's, if it is running). A database that already has an
// authority is left alone, so running it twice is harmless.
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_AUTHORITIES, DEMO_PASSWORD, demoEmail, seedDemo } from "../prisma/seed";
import { openDatabase } from "./lib/database";

const HELP = `Usage: npm run seed

Adds demo authorities, schools, pupils, parents/carers and one user per role to an empty database.
Does nothing if the database already has an authority.`;

async function main(): Promise<number> {
  try {
    if (parseArgs({ options: { help: { type: "boolean", short: "h" } }, strict: true }).values.help) {
      console.log(HELP);
      return 0;
    }
  } catch (error) {
    console.error(`Error: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }

  const database = await openDatabase({ reuseRunning: true });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    const authorities = await prisma.authority.count();
    if (authorities > 0) {
      console.log(
        `The database already has data (${authorities} ${authorities === 1 ? "authority" : "authorities"}), so no demo data was added.`,
      );
      return 0;
    }
    console.log("Seeding demo data…");
    await seedDemo(prisma, (line) => console.log(line));
    console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_AUTHORITIES) {
      const emails = [
        ...["admin", "manager", "officer"].map((who) => demoEmail(a.slug, who)),
        demoEmail(a.slug, `school.${a.schools[0]!.urn}`),
      ];
      console.log(`  ${a.name}: ${emails.join(", ")}`);
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
