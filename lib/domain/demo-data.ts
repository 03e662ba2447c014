// Demo data carries a published password, so it must never reach a live service. These rules decide where it is
// seeded and where demo users may sign in; docs/decisions/021-demo-accounts.md.

/** The embedded PostgreSQL that `npm start` runs for itself, or a server named by DATABASE_URL. */
export type DatabaseKind = "embedded" | "server";

export type DemoSeedDecision = "seed" | "not-empty" | "no-demo" | "server";

/** What `npm start` does about demo data: it seeds only an empty embedded database, and never a server (where
 * `npm run seed -- --demo` is the explicit way). */
export function demoDataOnStart(options: { kind: DatabaseKind; empty: boolean; noDemo: boolean }): DemoSeedDecision {
  if (!options.empty) return "not-empty";
  if (options.noDemo) return "no-demo";
  return options.kind === "embedded" ? "seed" : "server";
}

/** The database's demo marker: absent on any database not created as a demo. */
export type DemoMarker = { embedded: boolean } | null;

/**
 * Whether a user may sign in on this database, and whether they skip the second factor. Demo users may sign in
 * only on a database created as a demo, and skip the second factor only on the embedded demo database (so that
 * `npm start` works in one command); everyone else always needs it.
 */
export function demoAccess(user: { demo: boolean }, marker: DemoMarker) {
  if (!user.demo) return { maySignIn: true, secondFactorExempt: false };
  return { maySignIn: marker !== null, secondFactorExempt: marker?.embedded === true };
}
