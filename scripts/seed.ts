// `npm run seed`: adds the demo data (prisma/seed.ts) to an empty database, the one the CLI uses: DATABASE_URL
// when set, otherwise the embedded PostgreSQL (npm start's, if it is running). A database that already has an
// authority is left alone, so running it twice is harmless. Demo users have a published password, so on a
// DATABASE_URL server it needs --demo, and warns (docs/decisions/021-demo-accounts.md).
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_AUTHORITIES, DEMO_PASSWORD, demoEmail, markDemoDatabase, seedDemo } from "../prisma/seed";
import { openDatabase } from "./lib/database";

const HELP = `Usage: npm run seed [-- --demo]

Adds demo authorities, schools, pupils, parents/carers and one user per role to an empty database.
Does nothing if the database already has an authority.

The demo users share a published password. On the embedded database (no DATABASE_URL) that is how the
demo works. On a server named by DATABASE_URL they are added only with --demo, for a test or training
server: never on a live service.

Options:
  --demo      add demo data to the DATABASE_URL server (refused without it)
  -h, --help  show this help`;

async function main(): Promise<number> {
  let demo: boolean;
  try {
    const { values } = parseArgs({
      options: { help: { type: "boolean", short: "h" }, demo: { type: "boolean", default: false } },
      strict: true,
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    demo = values.demo;
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
    if (database.kind === "server") {
      if (!demo) {
        console.error(
          "Refused: DATABASE_URL names a server, and demo users have a published password. Demo data is never added to a server by default. To add it to a test or training server on purpose, run: npm run seed -- --demo",
        );
        return 1;
      }
      console.warn(
        `WARNING: adding demo users whose password (${DEMO_PASSWORD}) is published, to the server at DATABASE_URL. They will be able to sign in there (with a second factor). Never do this on a live service.`,
      );
    }
    console.log("Seeding demo data…");
    await seedDemo(prisma, (line) => console.log(line));
    await markDemoDatabase(prisma, { embedded: database.kind === "embedded" });
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
