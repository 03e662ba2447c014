// Migrations on a Citus cluster whose tables are already distributed (docs/decisions/071-citus.md, "Migrations
// after distribution"). A fresh database runs every migration on plain tables and is distributed afterwards; a live
// cluster applies each new migration to distributed tables, where Citus refuses three forms PostgreSQL accepts:
//   1. an ALTER TABLE that adds a constraint together with other subcommands;
//   2. ADD COLUMN with a constraint inline (Citus wants every constraint named);
//   3. CREATE TABLE with a foreign key to a distributed table (the new table is local until distributed, and a
//      local table may not reference a distributed one).
// The runner rewrites a statement of these forms into steps Citus accepts, with the same result: one ALTER TABLE
// per subcommand, the inline constraint added by its own ALTER TABLE under the name PostgreSQL would have given
// it, and a new table created without its foreign keys to distributed tables, distributed at once, then given
// those keys under their PostgreSQL names. Anything else is sent unchanged (and a form the rewriter cannot
// handle fails on Citus with Citus's own message, caught by the upgrade test, scripts/citus-upgrade.int.test.ts).

/** A step: SQL to run, "distribute" (place the tables created so far, scripts/lib/citus.ts), or a foreign key
 * that Citus holds another way (ON UPDATE CASCADE: scripts/lib/citus.ts, addForeignKey). */
export type DdlStep =
  { sql: string } | { distribute: true } | { foreignKey: { table: string; name: string; definition: string } };

/** How Citus holds a table now: distributed (sharded), a reference table (copied to every node), or neither. */
export type CitusKind = "distributed" | "reference" | null;

/** Rewrites one statement for a live cluster; `kindOf` says how Citus holds each table now. */
export function rewriteForDistributed(statement: string, kindOf: (table: string) => CitusKind): DdlStep[] {
  const body = withoutComments(statement).trim().replace(/;\s*$/, "");
  const alter = /^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?((?:public\.)?(?:"[^"]+"|\w+))\s+([\s\S]+)$/i.exec(
    body,
  );
  if (alter) {
    const table = unquote(alter[1]!);
    const subcommands = splitTopLevel(alter[2]!, ",");
    if (!kindOf(table)) {
      // A table Citus does not hold yet (made by this migration) given a foreign key to a distributed table: Citus
      // refuses a key from a local table to a distributed one, so the new table is placed first, then the key.
      const toDistributed = subcommands.some((sub) => {
        const fk =
          /^ADD\s+CONSTRAINT\s+(?:"[^"]+"|\w+)\s+FOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\s+((?:public\.)?(?:"[^"]+"|\w+))/i.exec(
            sub,
          );
        return fk !== null && kindOf(unquote(fk[1]!)) === "distributed";
      });
      return toDistributed ? [{ distribute: true }, { sql: statement }] : [{ sql: statement }];
    }
    const steps: DdlStep[] = [];
    let heldAnotherWay = false;
    let placedFirst = false;
    for (const sub of subcommands) {
      // A foreign key to a table this migration created (not placed yet): Citus refuses a key from a Citus table
      // to a local one, so the new table is placed first (distributed by authority, co-located), then the key.
      const toNew =
        /^ADD\s+CONSTRAINT\s+(?:"[^"]+"|\w+)\s+FOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\s+((?:public\.)?(?:"[^"]+"|\w+))/i.exec(
          sub,
        );
      if (toNew && !placedFirst && unquote(toNew[1]!) !== table && kindOf(unquote(toNew[1]!)) === null) {
        steps.push({ distribute: true });
        placedFirst = true;
      }
      const cascading =
        /^ADD\s+CONSTRAINT\s+("[^"]+"|\w+)\s+(FOREIGN\s+KEY\b[\s\S]*\bON\s+UPDATE\s+CASCADE\b[\s\S]*)$/i.exec(sub);
      if (cascading && kindOf(table) === "distributed") {
        const definition = cascading[2]!.replace(/\s+/g, " ");
        steps.push({ foreignKey: { table, name: unquote(cascading[1]!), definition } });
        heldAnotherWay = true;
        continue;
      }
      const column =
        /^ADD\s+(?:COLUMN\s+)?(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|CHECK\b|FOREIGN\b|EXCLUDE\b)(?:IF\s+NOT\s+EXISTS\s+)?("[^"]+"|\w+)\s+([\s\S]+)$/i.exec(
          sub,
        );
      const inline = column ? findInlineConstraint(column[2]!, column[1]!) : null;
      // ADD COLUMN … NOT NULL DEFAULT nextval(…): Citus takes a column with a sequence default only alone and
      // without constraints (and only while the table is empty), so NOT NULL follows as its own statement.
      if (column && !inline && /\bDEFAULT\s+nextval\s*\(/i.test(column[2]!) && /\bNOT\s+NULL\b/i.test(column[2]!)) {
        const definition = column[2]!.replace(/\s*\bNOT\s+NULL\b/i, "").trim();
        steps.push({ sql: `ALTER TABLE ${alter[1]} ADD COLUMN ${column[1]} ${definition}` });
        steps.push({ sql: `ALTER TABLE ${alter[1]} ALTER COLUMN ${column[1]} SET NOT NULL` });
      } else if (column && inline) {
        const name = unquote(column[1]!);
        steps.push({ sql: `ALTER TABLE ${alter[1]} ADD COLUMN ${column[1]} ${column[2]!.slice(0, inline.at).trim()}` });
        for (const c of inline.constraints)
          steps.push({
            sql: `ALTER TABLE ${alter[1]} ADD CONSTRAINT ${quote(constraintName(table, [name], c.label))} ${c.sql}`,
          });
      } else steps.push({ sql: `ALTER TABLE ${alter[1]} ${sub}` });
    }
    return steps.length > 1 || heldAnotherWay || placedFirst ? steps : [{ sql: statement }];
  }
  // ALTER SEQUENCE … OWNED BY a Citus table's column: once a distributed table's default uses the sequence, Citus
  // refuses any ALTER SEQUENCE ("Altering a distributed sequence is currently not supported"). The link only says
  // the sequence goes with the column; the coordinator's copy is the one that hands out values (and the one the
  // backup's restore reads), so it is made there alone, with Citus's DDL propagation off for the statement.
  const ownedBy =
    /^ALTER\s+SEQUENCE\s+(?:IF\s+EXISTS\s+)?(?:"[^"]+"|[\w.]+)\s+OWNED\s+BY\s+((?:public\.)?(?:"[^"]+"|\w+))\.(?:"[^"]+"|\w+)$/i.exec(
      body,
    );
  if (ownedBy && kindOf(unquote(ownedBy[1]!)))
    return [
      { sql: "SET LOCAL citus.enable_ddl_propagation TO off" },
      { sql: statement },
      { sql: "SET LOCAL citus.enable_ddl_propagation TO on" },
    ];
  const create = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:public\.)?(?:"[^"]+"|\w+))\s*\(([\s\S]+)\)\s*$/i.exec(
    body,
  );
  if (create) {
    const table = unquote(create[1]!);
    const items = splitTopLevel(create[2]!, ",");
    const kept: string[] = [];
    const foreignKeys: string[] = [];
    for (const item of items) {
      const fk =
        /^(?:CONSTRAINT\s+("[^"]+"|\w+)\s+)?FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+((?:public\.)?(?:"[^"]+"|\w+))/i.exec(
          item,
        );
      if (fk && kindOf(unquote(fk[3]!)) === "distributed") {
        const columns = fk[2]!.split(",").map((c) => unquote(c.trim()));
        const name = fk[1] ? unquote(fk[1]) : constraintName(table, columns, "fkey");
        const definition = fk[1] ? item.replace(/^CONSTRAINT\s+("[^"]+"|\w+)\s+/i, "") : item;
        foreignKeys.push(`ALTER TABLE ${create[1]} ADD CONSTRAINT ${quote(name)} ${definition}`);
      } else kept.push(item);
    }
    if (foreignKeys.length === 0) return [{ sql: statement }];
    return [
      { sql: `CREATE TABLE ${create[1]} (\n  ${kept.join(",\n  ")}\n)` },
      { distribute: true },
      ...foreignKeys.map((sql) => ({ sql })),
    ];
  }
  return [{ sql: statement }];
}

/** The first inline constraint of a column definition (after its type), and each constraint there. */
function findInlineConstraint(
  definition: string,
  column: string,
): { at: number; constraints: { label: string; sql: string }[] } | null {
  const words = /\b(CHECK|UNIQUE|REFERENCES|PRIMARY\s+KEY)\b/gi;
  let depth = 0;
  let inString = false;
  const starts: { at: number; kind: string }[] = [];
  for (let i = 0; i < definition.length; i++) {
    const c = definition[i]!;
    if (c === "'") inString = !inString;
    if (inString) continue;
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0) {
      words.lastIndex = i;
      const m = words.exec(definition);
      if (m && m.index === i && (i === 0 || /\s/.test(definition[i - 1]!)))
        starts.push({ at: i, kind: m[1]!.toUpperCase() });
    }
  }
  if (starts.length === 0) return null;
  const constraints = starts.map((s, k) => {
    let sql = definition.slice(s.at, starts[k + 1]?.at ?? definition.length).trim();
    // NOT NULL / DEFAULT after a constraint belong to the column, not to it: such forms are left for Citus to refuse.
    if (/\b(NOT\s+NULL|DEFAULT)\b/i.test(sql.replace(/\([^]*\)/g, ""))) throw new UnsupportedDdl(definition);
    const label =
      s.kind === "CHECK" ? "check" : s.kind === "UNIQUE" ? "key" : s.kind === "REFERENCES" ? "fkey" : "pkey";
    if (s.kind === "REFERENCES") throw new UnsupportedDdl(definition);
    if (s.kind === "PRIMARY KEY") throw new UnsupportedDdl(definition);
    if (s.kind === "UNIQUE") sql = `UNIQUE (${column})`;
    return { label, sql };
  });
  return { at: starts[0]!.at, constraints };
}

export class UnsupportedDdl extends Error {
  constructor(definition: string) {
    super(
      `Citus: cannot rewrite the column definition "${definition}" for a distributed table; add the column, then each constraint in its own ALTER TABLE with a name (ADR 071)`,
    );
  }
}

/** PostgreSQL's name for an unnamed constraint (makeObjectName: table, columns and label within 63 bytes). */
export function constraintName(table: string, columns: string[], label: string): string {
  const name2 = columns.join("_");
  const overhead = label.length + 1 + (name2 ? 1 : 0);
  let a = table.length;
  let b = name2.length;
  while (a + b > 63 - overhead) {
    if (a > b) a--;
    else b--;
  }
  return `${table.slice(0, a)}${name2 ? `_${name2.slice(0, b)}` : ""}_${label}`;
}

/** Splits at a separator outside parentheses, 'strings' and "identifiers". */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** The statement without its line and block comments (outside 'strings' and "identifiers"). */
export function withoutComments(sql: string): string {
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      if (c === quote) quote = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end - 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else out += c;
  }
  return out;
}

const unquote = (name: string) => name.replace(/^public\./, "").replace(/^"(.*)"$/, "$1");
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
