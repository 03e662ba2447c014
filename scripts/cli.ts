// `npm run cli -- <command> [options]`: the operator's tool for setting up authorities, schools, users and API
// tokens, loading term calendars and registers, checking the audit log, and backups. Input is checked with the shared zod schemas before the database is opened, so bad input writes
// nothing; the work is done by the same lib/server functions as the app. Exit codes: 0 done, 1 refused or
// failed (a rule broken, like an unknown authority), 2 bad command or options.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ROLE_LABELS, ROLES } from "../lib/domain/roles";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "../lib/domain/api-tokens";
import { formatUkDate, toIsoDate } from "../lib/domain/dates";
import { createApiTokenSchema, type CreateApiTokenInput } from "../lib/schemas/api-token";
import { createAuthoritySchema, laCode } from "../lib/schemas/authority";
import { email } from "../lib/schemas/common";
import { createSchoolSchema, SCHOOL_PHASES, SCHOOL_TYPES } from "../lib/schemas/school";
import { createUserSchema } from "../lib/schemas/user";
import { openDatabase } from "./lib/database";

const PROGRAM = "npm run cli --";

type Option = {
  name: string;
  /** Placeholder for the value in the help, like <code>. */
  value: string;
  description: string;
  required?: boolean;
  /** The schema field (and ValidationError key) this option fills. */
  field: string;
  choices?: readonly string[];
  /** May also be given as the last argument without its --name (like a file path). */
  positional?: boolean;
};

type Values = Record<string, string | undefined>;

/** Validated input, or every problem with the options as a message naming the option. */
type Parsed<T> = { ok: true; data: T } | { ok: false; errors: string[] };

type CommandSpec<T> = {
  name: string;
  summary: string;
  description: string;
  options: Option[];
  examples: string[];
  parse: (values: Values, options: Option[]) => Parsed<T>;
  /** Does the work with lib/server functions (imported here, after DATABASE_URL is set); returns stdout, and the
   * exit code when the command ran but found something wrong (like a broken audit chain). */
  run: (input: T) => Promise<string | CommandOutput>;
};

type CommandOutput = { output: string; exitCode: number };

type Command = Omit<CommandSpec<unknown>, "parse" | "run"> & {
  prepare: (
    values: Values,
  ) => { ok: true; run: () => Promise<string | CommandOutput> } | { ok: false; errors: string[] };
};

function defineCommand<T>(spec: CommandSpec<T>): Command {
  const { parse, run, ...rest } = spec;
  return {
    ...rest,
    prepare: (values) => {
      const parsed = parse(values, spec.options);
      return parsed.ok ? { ok: true, run: () => run(parsed.data) } : parsed;
    },
  };
}

/** Runs the zod schemas over the options (keyed by field) and turns every issue into a line naming the option. */
function validate<T>(
  values: Values,
  options: Option[],
  parts: { schema: z.ZodType; pick: string[] }[],
  combine: (output: Record<string, unknown>) => T,
): Parsed<T> {
  const byField = new Map(options.map((o) => [o.field, o]));
  const errors: { order: number; text: string }[] = [];
  const output: Record<string, unknown> = {};
  for (const part of parts) {
    const input = Object.fromEntries(part.pick.map((field) => [field, values[byField.get(field)!.name]]));
    const result = part.schema.safeParse(input);
    if (result.success) {
      Object.assign(output, result.data);
      continue;
    }
    for (const issue of result.error.issues) {
      const option = byField.get(String(issue.path[0]));
      if (!option) {
        errors.push({ order: options.length, text: issue.message });
        continue;
      }
      errors.push({ order: options.indexOf(option), text: optionError(option, values[option.name], issue.message) });
    }
  }
  if (errors.length > 0) {
    // One line per option, in the order the help lists them.
    const seen = new Set<string>();
    return {
      ok: false,
      errors: errors
        .sort((a, b) => a.order - b.order)
        .map((e) => e.text)
        .filter((t) => !seen.has(t) && seen.add(t)),
    };
  }
  return { ok: true, data: combine(output) };
}

function optionError(option: Option, given: string | undefined, message: string): string {
  if (given === undefined) return `Missing --${option.name} ${option.value}: ${option.description}.`;
  const shown = given.length > 40 ? `${given.slice(0, 40)}…` : given;
  if (option.choices) return `--${option.name} must be ${orList(option.choices)}, not "${shown}".`;
  return `--${option.name}: ${message} (you gave "${shown}").`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const orList = (items: readonly string[]) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;

const authorityOption = (whose: string): Option => ({
  name: "authority",
  value: "<code>",
  field: "authority",
  required: true,
  description: `The 3-digit DfE local authority code of ${whose} authority, like 841`,
});

const authorityCreate = defineCommand({
  name: "authority create",
  summary: "Create a local authority",
  description: `Create a local authority (council). Then add its schools ("school create") and users ("user create").`,
  options: [
    {
      name: "code",
      value: "<code>",
      field: "laCode",
      required: true,
      description: "The 3-digit DfE local authority code, like 841",
    },
    {
      name: "name",
      value: "<name>",
      field: "name",
      required: true,
      description: "The authority's name, like Darlington",
    },
  ],
  examples: [`${PROGRAM} authority create --code 841 --name "Darlington"`],
  parse: (values, options) =>
    validate(
      values,
      options,
      [{ schema: createAuthoritySchema, pick: ["laCode", "name"] }],
      (input) => input as z.output<typeof createAuthoritySchema>,
    ),
  run: async (input) => {
    const { createAuthority } = await import("../lib/server/authorities/create-authority");
    const authority = await createAuthority(input);
    return [
      `Created authority ${authority.name} (code ${authority.laCode}).`,
      `Add its first administrator with: ${PROGRAM} user create --role admin --authority ${authority.laCode} --email … --name "…"`,
    ].join("\n");
  },
});

const schoolCreate = defineCommand({
  name: "school create",
  summary: "Create a school in an authority",
  description: "Create a school in an authority.",
  options: [
    {
      name: "urn",
      value: "<urn>",
      field: "urn",
      required: true,
      description: "The school's 6-digit unique reference number (URN), like 100001",
    },
    authorityOption("the school's"),
    {
      name: "estab",
      value: "<number>",
      field: "estabNumber",
      required: true,
      description: "The 4-digit DfE establishment number, like 2999 (unique within the authority)",
    },
    { name: "name", value: "<name>", field: "name", required: true, description: "The school's name" },
    {
      name: "phase",
      value: "<phase>",
      field: "phase",
      required: true,
      choices: SCHOOL_PHASES,
      description: `The phase: ${orList(SCHOOL_PHASES)}`,
    },
    {
      name: "type",
      value: "<type>",
      field: "type",
      required: true,
      choices: SCHOOL_TYPES,
      description: `The type: ${orList(SCHOOL_TYPES)}`,
    },
  ],
  examples: [
    `${PROGRAM} school create --urn 100001 --authority 841 --estab 2999 --name "Skerne Park Primary School" --phase primary --type maintained`,
  ],
  parse: (values, options) =>
    validate(
      values,
      options,
      [
        { schema: createSchoolSchema, pick: ["urn", "estabNumber", "name", "phase", "type"] },
        { schema: z.object({ authority: laCode }), pick: ["authority"] },
      ],
      ({ authority, ...school }) => ({
        school: school as z.output<typeof createSchoolSchema>,
        authority: authority as string,
      }),
    ),
  run: async ({ school: input, authority: code }) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { createSchool } = await import("../lib/server/schools/create-school");
    const authority = await getAuthorityByCode(code, "authority");
    const school = await createSchool({ system: "cli", authorityId: authority.id, input });
    return `Created school ${school.urn} ${school.name} (${school.phase}, ${school.type}) in ${authority.name} (${authority.laCode}).`;
  },
});

const userCreate = defineCommand({
  name: "user create",
  summary: "Create a user and print their one-time password",
  description:
    "Create a user in an authority and print a one-time password. They must change it when they first sign in.",
  options: [
    {
      name: "email",
      value: "<address>",
      field: "email",
      required: true,
      description: "Their email address, which they sign in with, like officer@darlington.gov.uk",
    },
    { name: "name", value: "<name>", field: "name", required: true, description: "Their full name" },
    {
      name: "role",
      value: "<role>",
      field: "role",
      required: true,
      choices: ROLES,
      description: `Their role: ${orList(ROLES.map((r) => (ROLE_LABELS[r].toLowerCase() === r ? r : `${r} (${ROLE_LABELS[r].toLowerCase()})`)))}`,
    },
    authorityOption("their"),
    {
      name: "school",
      value: "<urn>",
      field: "schoolUrn",
      description: "The URN of the school they work at, like 100001 (needed with --role school, and only then)",
    },
  ],
  examples: [
    `${PROGRAM} user create --email officer@darlington.gov.uk --name "Owen Officer" --role officer --authority 841`,
    `${PROGRAM} user create --email head@skernepark.sch.uk --name "Sam Head" --role school --authority 841 --school 100001`,
  ],
  parse: (values, options) =>
    validate(
      values,
      options,
      [
        { schema: createUserSchema, pick: ["email", "name", "role", "schoolUrn"] },
        { schema: z.object({ authority: laCode }), pick: ["authority"] },
      ],
      ({ authority, ...user }) => ({ user: user as z.output<typeof createUserSchema>, authority: authority as string }),
    ),
  run: async ({ user: input, authority: code }) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { createUser } = await import("../lib/server/users/create-user");
    const authority = await getAuthorityByCode(code, "authority");
    const { user, oneTimePassword } = await createUser({ system: "cli", authorityId: authority.id, input });
    const where = input.schoolUrn === undefined ? authority.name : `school ${input.schoolUrn}, ${authority.name}`;
    return [
      `Created user ${user.email} (${ROLE_LABELS[user.role]}, ${where}).`,
      `One-time password: ${oneTimePassword}`,
      "They must change it when they first sign in.",
    ].join("\n");
  },
});

const tokenCreate = defineCommand({
  name: "token create",
  summary: "Create a user's API token for /api/v1 (operators at the console)",
  description: [
    "Create an API token that acts as a user on /api/v1, with that user's permissions (or only reads, with",
    "--access read-only), until it expires or is revoked. Users normally create their own tokens on their account",
    "page. The token is printed once, on a line of its own starting ft_, with its expiry; only its hash is kept.",
  ].join("\n"),
  options: [
    {
      name: "email",
      value: "<address>",
      field: "email",
      required: true,
      description: "The email address of the user the token acts as",
    },
    {
      name: "label",
      value: "<text>",
      field: "name",
      description: 'The token\'s name: what it is for, like "nightly import" (default "command line")',
    },
    {
      name: "days",
      value: "<n>",
      field: "expiresInDays",
      description: `Days until the token expires, 1 to ${TOKEN_MAX_DAYS} (default ${TOKEN_DEFAULT_DAYS})`,
    },
    {
      name: "access",
      value: "<read-write|read-only>",
      field: "readOnly",
      choices: ["read-write", "read-only"],
      description: "read-only tokens can only read (default read-write)",
    },
  ],
  examples: [
    `${PROGRAM} token create --email officer@darlington.gov.uk --label "nightly import" --days 30`,
    "TOKEN=$(npm run --silent cli -- token create --email officer@darlington.gov.uk | grep '^ft_')",
  ],
  parse: (values, options) =>
    validate(
      { ...values, label: values.label ?? "command line" },
      options,
      [
        {
          schema: z.object({
            email,
            name: createApiTokenSchema.shape.name,
            expiresInDays: createApiTokenSchema.shape.expiresInDays,
            readOnly: z.preprocess(
              (v) => (v === undefined ? "read-write" : v),
              z.enum(["read-write", "read-only"]).transform((v) => v === "read-only"),
            ),
          }),
          pick: ["email", "name", "expiresInDays", "readOnly"],
        },
      ],
      (input) => input as { email: string } & CreateApiTokenInput,
    ),
  run: async ({ email: address, ...input }) => {
    const { createApiToken } = await import("../lib/server/api-tokens/create-api-token");
    const { token, user, expiresAt } = await createApiToken({ system: "cli", email: address, input });
    return [
      `Created API token "${input.name}" for ${user.email} (${ROLE_LABELS[user.role]})${input.readOnly ? ", read only" : ""}. It expires on ${formatUkDate(toIsoDate(expiresAt))} (${expiresAt.toISOString()}). It is shown only this once:`,
      token,
      "Send it on /api/v1 requests as the header  Authorization: Bearer <token>",
    ].join("\n");
  },
});

const fileOption = (what: string): Option => ({
  name: "file",
  value: "<file>",
  field: "file",
  required: true,
  positional: true,
  description: `The ${what} file to load (the --file may be left out: give the path last)`,
});
const fileSchema = z.object({
  authority: laCode,
  file: z
    .string({ error: "Give the file to load" })
    .min(1, "Give the file to load")
    .refine((f) => fs.existsSync(f) && fs.statSync(f).isFile(), "There is no file at that path"),
});

const calendarImport = defineCommand({
  name: "calendar import",
  summary: "Load an authority's term calendar from a CSV file",
  description: [
    "Load an authority's term calendar from a CSV file with the header kind,start,end,name: one row per term",
    "(kind term) or closure inside a term (kind closure), dates as YYYY-MM-DD, both inclusive. Each academic year",
    "the file has a term in replaces that year's calendar; other years are kept. A file with any bad row saves nothing.",
  ].join("\n"),
  options: [authorityOption("the calendar's"), fileOption("calendar CSV")],
  examples: [`${PROGRAM} calendar import --authority 841 calendar-2026-27.csv`],
  parse: (values, options) =>
    validate(
      values,
      options,
      [{ schema: fileSchema, pick: ["authority", "file"] }],
      (i) => i as { authority: string; file: string },
    ),
  run: async (input) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { importCalendarCsv } = await import("../lib/server/calendar/import-calendar-csv");
    const authority = await getAuthorityByCode(input.authority);
    const { rows } = await importCalendarCsv(
      { system: "cli", authorityId: authority.id },
      fs.readFileSync(input.file, "utf8"),
    );
    return `Loaded ${rows} calendar rows for ${authority.name}.`;
  },
});

const registerImport = defineCommand({
  name: "register import",
  summary: "Import register marks from a CSV file or a DfE Common Transfer File (bulk loads)",
  description: [
    "Import attendance register marks from a CSV file with the header upn,date,session,code and an optional",
    "school_urn column, or from a DfE Common Transfer File (a .xml file: pupils, contacts and attendance). The file is streamed, so its size does not matter; progress is shown as it goes. Every line",
    "is checked first: if any is wrong nothing is written and every error is listed with its line number.",
    "Importing the same file again changes nothing. Also available as: npm run import -- <file> --authority <code>",
  ].join("\n"),
  options: [
    {
      ...authorityOption("the pupils'"),
      required: false,
      description:
        "The 3-digit DfE local authority code of the pupils' authority, like 841 (may be left out when the database holds one authority)",
    },
    fileOption("register CSV or CTF"),
  ],
  examples: [
    `${PROGRAM} register import --authority 841 autumn-2026.csv`,
    "npm run import -- autumn-2026.csv --authority 841",
    "npm run import -- autumn-2026.csv",
  ],
  parse: (values, options) =>
    validate(
      values,
      options,
      [{ schema: fileSchema.extend({ authority: laCode.optional() }), pick: ["authority", "file"] }],
      (i) => i as { authority?: string; file: string },
    ),
  run: async (input) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { importRegisterCsv } = await import("../lib/server/attendance/import-register");
    const { importCtf } = await import("../lib/server/attendance/import-ctf");
    // A .xml file is a DfE Common Transfer File; anything else is read as a register CSV.
    const importer = input.file.toLowerCase().endsWith(".xml") ? importCtf : importRegisterCsv;
    const { ValidationError } = await import("../lib/server/errors");
    const { db } = await import("../lib/server/db");
    let code = input.authority;
    if (code === undefined) {
      const all = await db.authority.findMany({ select: { laCode: true }, take: 2 });
      if (all.length !== 1) {
        throw new ValidationError({
          authority: [
            `Give --authority <code>: the database holds ${all.length === 0 ? "no authorities" : "more than one authority"}`,
          ],
        });
      }
      code = all[0]!.laCode;
    }
    const authority = await getAuthorityByCode(code);
    const size = fs.statSync(input.file).size;
    const stream = fs.createReadStream(input.file);
    const started = Date.now();
    const outcome = await importer({
      actor: { system: "cli", authorityId: authority.id },
      input: stream,
      filename: input.file,
      onProgress: ({ phase, lines }) => {
        const read = size ? ` (${Math.round((100 * stream.bytesRead) / size)}% of the file)` : "";
        process.stderr.write(
          phase === "reading"
            ? `Checked ${lines.toLocaleString("en-GB")} lines${read}\n`
            : `${phase[0]!.toUpperCase()}${phase.slice(1)}…\n`,
        );
      },
    });
    if (!outcome.ok) {
      const lines = outcome.errors.map(
        (e) => `Line ${e.line ?? "?"}${e.upn ? `, UPN ${e.upn}` : ""}${e.date ? `, ${e.date}` : ""}: ${e.message}`,
      );
      const more = outcome.totalErrors - outcome.errors.length;
      throw new ValidationError(
        { file: more > 0 ? [...lines, `…and ${more} more`] : lines },
        `Nothing was imported: the file has ${outcome.totalErrors} error${outcome.totalErrors === 1 ? "" : "s"}`,
      );
    }
    const c = outcome.counts;
    const seconds = (Date.now() - started) / 1000;
    return [
      `Imported ${input.file} for ${authority.name} in ${seconds.toFixed(1)} s.`,
      `Marks created: ${c.marksCreated}, updated: ${c.marksUpdated}, unchanged: ${c.marksUnchanged}.`,
      ...(c.pupilsCreated + c.pupilsUpdated > 0
        ? [`Pupils created: ${c.pupilsCreated}, updated: ${c.pupilsUpdated}.`]
        : []),
    ].join("\n");
  },
});

const auditVerify = defineCommand({
  name: "audit verify",
  summary: "Check the audit log's hash chains and name the first row that breaks one",
  description: [
    "Walk the audit log's hash chains (one per authority, one for rows without an authority) and check that no row",
    'was changed, removed or re-ordered. Prints {"rows":N,"ok":true}, or {"rows":N,"ok":false,"break":{…}} naming',
    "the first row that breaks a chain (its id, authority, position and why) and exits 1.",
  ].join("\n"),
  options: [
    {
      ...authorityOption("the"),
      required: false,
      description:
        "Only this authority's chain: its 3-digit DfE local authority code, like 841 (every chain by default)",
    },
  ],
  examples: [`${PROGRAM} audit verify`, `${PROGRAM} audit verify --authority 841`],
  parse: (values, options) =>
    validate(
      values,
      options,
      [{ schema: z.object({ authority: laCode.optional() }), pick: ["authority"] }],
      (i) => i as { authority?: string },
    ),
  run: async (input) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { verifyAuditChain } = await import("../lib/server/audit-log/verify-audit-chain");
    const authority = input.authority ? await getAuthorityByCode(input.authority) : null;
    const result = await verifyAuditChain({ authorityId: authority?.id });
    return { output: JSON.stringify(result), exitCode: result.ok ? 0 : 1 };
  },
});

const referralsRecheck = defineCommand({
  name: "referrals recheck",
  summary: "List referrals awaiting review that the rules in force would not make (changes nothing)",
  description: [
    "Judge again every prosecution referral still awaiting review, on its own frozen evidence, under the referral",
    "rules in force since 6 December 2026 (issue 10: unauthorised absence of a child of compulsory school age and",
    "registered pupil, at least the authority's referral minimum, a parent in law), and list those the rules would",
    "not make now, with the reasons. It changes nothing: a manager rejects each on its page, where the reason is",
    "filled in. Exits 0 either way; --format json prints {checked, ungrounded:[…]} for scripts.",
  ].join("\n"),
  options: [
    {
      ...authorityOption("the"),
      required: false,
      description: "Only this authority's referrals: its 3-digit DfE local authority code, like 841 (all by default)",
    },
    {
      name: "format",
      value: "<text|json>",
      field: "format",
      choices: ["text", "json"],
      description: "text for people (the default) or json for scripts",
    },
  ],
  examples: [`${PROGRAM} referrals recheck`, `${PROGRAM} referrals recheck --authority 841 --format json`],
  parse: (values, options) =>
    validate(
      values,
      options,
      [
        {
          schema: z.object({ authority: laCode.optional(), format: z.enum(["text", "json"]).default("text") }),
          pick: ["authority", "format"],
        },
      ],
      (i) => i as { authority?: string; format: "text" | "json" },
    ),
  run: async (input) => {
    const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
    const { recheckAwaitingReferrals } = await import("../lib/server/referrals/recheck-referrals");
    const authority = input.authority ? await getAuthorityByCode(input.authority) : null;
    const result = await recheckAwaitingReferrals({ authorityId: authority?.id });
    if (input.format === "json") return JSON.stringify(result, null, 2);
    const lines = [
      `Referrals awaiting review: ${result.checked} checked; ${result.ungrounded.length} the rules in force since 6 December 2026 would not make.`,
    ];
    for (const u of result.ungrounded) {
      lines.push(
        "",
        `${u.pupil.name} (UPN ${u.pupil.upn}): ${u.parent.name}, ${u.authority.name} (${u.authority.laCode})`,
        `  Referred ${formatUkDate(u.referredOn)} for ${formatUkDate(u.periodStart)} to ${formatUkDate(u.periodEnd)}; referral ${u.referralId}`,
        ...u.reasons.map((r) => `  - ${r.message}`),
        `  Reject it at /referrals/${u.referralId} (the reason is filled in).`,
      );
    }
    lines.push("", "Nothing was changed.");
    return lines.join("\n");
  },
});

const retentionOptions: Option[] = [
  {
    ...authorityOption("the"),
    required: false,
    description: "Only this authority: its 3-digit DfE local authority code, like 841 (every authority by default)",
  },
  {
    name: "format",
    value: "<text|json>",
    field: "format",
    choices: ["text", "json"],
    description: "text for people (the default) or json for scripts",
  },
];
/** One authority by its LA code, or every authority. */
async function listAuthorities(laCode: string | undefined) {
  const { getAuthorityByCode } = await import("../lib/server/authorities/get-authority-by-code");
  const { db } = await import("../lib/server/db");
  if (laCode) return [await getAuthorityByCode(laCode)];
  return db.authority.findMany({ orderBy: { laCode: "asc" } });
}
const parseRetention = (values: Values, options: Option[]) =>
  validate(
    values,
    options,
    [
      {
        schema: z.object({ authority: laCode.optional(), format: z.enum(["text", "json"]).default("text") }),
        pick: ["authority", "format"],
      },
    ],
    (i) => i as { authority?: string; format: "text" | "json" },
  );

const retentionDryRunCommand = defineCommand({
  name: "retention dry-run",
  summary: "List what the retention schedule would erase today, and what legal holds keep (changes nothing)",
  description: [
    "For each authority, each record type's period (the authority's schedule, or the default), its cut-off on the",
    "service's today, how many records are past it, and the closed cases that would go or that a legal hold keeps.",
    'Erases nothing; the daily job (or "retention run") does. See docs/decisions/039-retention-and-legal-hold.md.',
  ].join("\n"),
  options: retentionOptions,
  examples: [`${PROGRAM} retention dry-run`, `${PROGRAM} retention dry-run --authority 841 --format json`],
  parse: parseRetention,
  run: async (input) => {
    const { today } = await import("../lib/env");
    const { retentionDryRun } = await import("../lib/server/retention/run-retention");
    const { describeMonths } = await import("../lib/domain/retention");
    const results = [];
    for (const authority of await listAuthorities(input.authority)) {
      results.push({ authority, ...(await retentionDryRun(authority.id, today())) });
    }
    if (input.format === "json") return JSON.stringify(results, null, 2);
    const lines: string[] = [];
    for (const r of results) {
      lines.push(`${r.authority.name} (${r.authority.laCode}), on ${formatUkDate(r.today)}:`);
      for (const p of r.periods) {
        const held = p.held
          ? `; ${p.held} kept by a legal hold${p.type === "register_marks" ? " or an open case" : ""}`
          : "";
        const note = p.erasedBefore
          ? ` (marks go a whole academic year at a time: before ${formatUkDate(p.erasedBefore)})`
          : "";
        lines.push(
          `  ${p.rule.label}: kept ${describeMonths(p.keepMonths)}${p.chosen ? "" : " (default)"}, ` +
            `${p.rule.basis === "statutory" ? "statutory" : "local policy"}; before ${formatUkDate(p.cutoff)}: ` +
            `${p.due} would be erased${held}${note}`,
        );
      }
      for (const c of r.cases) {
        lines.push(`    case ${c.id} closed ${formatUkDate(c.closedOn)}${c.held ? ": kept by a legal hold" : ""}`);
      }
    }
    lines.push("", "Nothing was changed.");
    return lines.join("\n");
  },
});

const retentionRunCommand = defineCommand({
  name: "retention run",
  summary: "Erase what is past its retention period now (what the daily job does), in batches with tombstones",
  description: [
    "Erase, in each authority, the closed cases, register marks, audit rows and failed sign-in rows past their period",
    "and not under a legal hold, in batches; each batch is one transaction ending with a retention.erase audit row.",
    'The daily job runs this after its decisions. Run "retention dry-run" first to see what would go.',
  ].join("\n"),
  options: retentionOptions,
  examples: [`${PROGRAM} retention run --authority 841`],
  parse: parseRetention,
  run: async (input) => {
    const { today } = await import("../lib/env");
    const { applyRetention } = await import("../lib/server/retention/run-retention");
    const authorities = await listAuthorities(input.authority);
    const summary = await applyRetention({
      today: today(),
      authorityId: input.authority ? authorities[0]!.id : undefined,
    });
    if (input.format === "json") return JSON.stringify(summary);
    return [
      `Erased under the retention schedule in ${summary.authorities} authorit${summary.authorities === 1 ? "y" : "ies"}:`,
      `  closed cases: ${summary.erased.closed_case}`,
      `  school flags declined without a case: ${summary.erased.school_flag}`,
      `  register marks: ${summary.erased.register_marks}`,
      `  audit rows: ${summary.erased.audit_log}`,
      `  failed sign-in rows: ${summary.erased.failed_sign_in}`,
      `in ${summary.batches} batch${summary.batches === 1 ? "" : "es"}, each with its tombstone audit row.`,
    ].join("\n");
  },
});

/** The migration role's connection, for the commands that need the owner (backups); set before a command runs. */
const connections = { ownerUrl: "" };

const backupFileSchema = z.object({
  file: z
    .string({ error: "Give the backup file" })
    .min(1, "Give the backup file")
    .refine((f) => !f.endsWith("/"), "Give a file name, not a folder"),
});

const backupCreate = defineCommand({
  name: "backup create",
  summary: "Back up the database to a file",
  description: [
    "Write a backup of every table to FILE (gzip; one consistent snapshot, taken while the app runs), as the",
    "migration role. Keep it somewhere safe: it holds every record. See docs/decisions/037-backup-and-restore.md.",
  ].join("\n"),
  options: [
    {
      name: "file",
      value: "<file>",
      field: "file",
      required: true,
      positional: true,
      description: "The file to write, like fast-track-2026-12-06.backup.gz (the --file may be left out)",
    },
  ],
  examples: [`${PROGRAM} backup create fast-track-2026-12-06.backup.gz`],
  parse: (values, options) =>
    validate(values, options, [{ schema: backupFileSchema, pick: ["file"] }], (i) => i as { file: string }),
  run: async (input) => {
    const { createBackup } = await import("./lib/backup");
    const { tables, rows } = await createBackup(connections.ownerUrl, input.file);
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return `Backed up ${tables} tables (${total.toLocaleString("en-GB")} rows) to ${input.file}.`;
  },
});

const backupRestore = defineCommand({
  name: "backup restore",
  summary: "Restore a backup into an empty database",
  description: [
    'Restore a backup made by "backup create" with the same version of Fast Track. With --into NAME, a new',
    "database of that name is created on the same server, migrated and filled; point DATABASE_URL at it to use it.",
    "Without --into, the configured database must be empty (migrated, no records). All or nothing: a damaged file",
    "or a failed load leaves the database as it was. Then run: npm run cli -- audit verify",
  ].join("\n"),
  options: [
    {
      name: "file",
      value: "<file>",
      field: "file",
      required: true,
      positional: true,
      description: "The backup file (the --file may be left out)",
    },
    {
      name: "into",
      value: "<database>",
      field: "into",
      description: "Create this new database on the same server and restore into it, like fasttrack_restored",
    },
  ],
  examples: [
    `${PROGRAM} backup restore fast-track-2026-12-06.backup.gz --into fasttrack_restored`,
    `${PROGRAM} backup restore fast-track-2026-12-06.backup.gz`,
  ],
  parse: (values, options) =>
    validate(
      values,
      options,
      [
        {
          schema: z.object({
            file: backupFileSchema.shape.file.refine(
              (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
              "There is no file at that path",
            ),
            into: z
              .string()
              .regex(
                /^[a-z_][a-z0-9_]{0,62}$/,
                "Use lower-case letters, digits and underscores, like fasttrack_restored",
              )
              .optional(),
          }),
          pick: ["file", "into"],
        },
      ],
      (i) => i as { file: string; into?: string },
    ),
  run: async (input) => {
    const { restoreBackup } = await import("./lib/backup");
    let target = connections.ownerUrl;
    if (input.into) {
      const { createDatabaseIfMissing, prepareDatabase } = await import("./lib/database");
      const url = new URL(connections.ownerUrl);
      const server = new URL(url);
      server.pathname = "/postgres";
      url.pathname = `/${input.into}`;
      await createDatabaseIfMissing(server.toString(), input.into);
      await prepareDatabase(url.toString());
      target = url.toString();
    }
    const { tables, rows } = await restoreBackup(target, input.file);
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return [
      `Restored ${tables} tables (${total.toLocaleString("en-GB")} rows) from ${input.file}${input.into ? ` into the new database ${input.into}` : ""}.`,
      `Check the audit log's chains with: ${PROGRAM} audit verify`,
    ].join("\n");
  },
});

const COMMANDS: Command[] = [
  authorityCreate,
  schoolCreate,
  userCreate,
  tokenCreate,
  calendarImport,
  registerImport,
  auditVerify,
  retentionDryRunCommand,
  retentionRunCommand,
  backupCreate,
  backupRestore,
  referralsRecheck,
];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Fast Track command line: set up authorities, schools, users and API tokens; load calendars and registers; check the audit log; back up and restore.",
    "",
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run "${PROGRAM} <command> --help" for a command's options, like: ${PROGRAM} user create --help`,
    "",
    "The database is DATABASE_URL when set, otherwise the embedded PostgreSQL that npm start uses",
    "(started for the command when npm start is not running).",
    "Exit codes: 0 done; 1 refused or failed (like an unknown authority); 2 bad command or options.",
  ].join("\n");
}

function commandHelp(command: Command): string {
  const flag = (o: Option) => `--${o.name} ${o.value}`;
  const usage = command.options.map((o) => (o.required ? flag(o) : `[${flag(o)}]`)).join(" ");
  const required = command.options.filter((o) => o.required).map((o) => [flag(o), o.description] as const);
  const optional = [
    ...command.options.filter((o) => !o.required).map((o) => [flag(o), o.description] as const),
    ["-h, --help", "Show this help"] as const,
  ];
  const width = Math.max(...[...required, ...optional].map(([f]) => f.length));
  const table = (rows: (readonly [string, string])[]) => rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
  return [
    `Usage: ${PROGRAM} ${command.name} ${usage}`,
    "",
    command.description,
    "",
    "Required options:",
    ...table(required),
    "",
    "Other options:",
    ...table(optional),
    "",
    command.examples.length > 1 ? "Examples:" : "Example:",
    ...command.examples.map((e) => `  ${e}`),
  ].join("\n");
}

/** What the arguments ask for: help, a usage error (exit 2), or a validated command ready to run. */
type Intent =
  | { kind: "help"; text: string }
  | { kind: "usage"; errors: string[]; hint: string }
  | { kind: "run"; command: Command; run: () => Promise<string | CommandOutput> };

function interpret(argv: string[]): Intent {
  const isHelp = (a: string | undefined) => a === "--help" || a === "-h" || a === "help";
  const globalHint = `Run "${PROGRAM} --help" for the commands.`;
  const [noun, verb, ...rest] = argv;
  if (noun === undefined) return { kind: "usage", errors: ["Give a command."], hint: globalHelp() };
  if (isHelp(noun)) {
    if (verb === undefined) return { kind: "help", text: globalHelp() };
    return interpret([...argv.slice(1), "--help"]);
  }
  if (noun.startsWith("-")) {
    return {
      kind: "usage",
      errors: [`Put the command before its options, like: ${PROGRAM} user create --email …`],
      hint: globalHint,
    };
  }
  const family = COMMANDS.filter((c) => c.name.startsWith(`${noun} `));
  const names = orList(COMMANDS.map((c) => `"${c.name}"`));
  if (family.length === 0) {
    return { kind: "usage", errors: [`Unknown command "${noun}". The commands are ${names}.`], hint: globalHint };
  }
  const command = family.find((c) => c.name === `${noun} ${verb}`);
  if (!command) {
    if (isHelp(verb)) return { kind: "help", text: family.map(commandHelp).join("\n\n") };
    const what =
      verb === undefined || verb.startsWith("-") ? `"${noun}" needs an action` : `Unknown command "${noun} ${verb}"`;
    return { kind: "usage", errors: [`${what}. The commands are ${names}.`], hint: globalHint };
  }
  const hint = `Run "${PROGRAM} ${command.name} --help" for its options.`;

  let values: Values;
  try {
    const parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: command.options.some((o) => o.positional),
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(command.options.map((o) => [o.name, { type: "string" as const }])),
      },
    });
    if (parsed.values.help) return { kind: "help", text: commandHelp(command) };
    values = parsed.values as Values;
    const positional = command.options.find((o) => o.positional);
    if (
      parsed.positionals.length > 1 ||
      (positional && parsed.positionals.length === 1 && values[positional.name] !== undefined)
    ) {
      return { kind: "usage", errors: [`Give one ${positional?.value ?? "value"} only.`], hint };
    }
    if (positional && parsed.positionals.length === 1) values[positional.name] = parsed.positionals[0];
  } catch (error) {
    if (rest.some(isHelp)) return { kind: "help", text: commandHelp(command) };
    return { kind: "usage", errors: [argumentError(command, error)], hint };
  }

  const prepared = command.prepare(values);
  if (!prepared.ok) return { kind: "usage", errors: prepared.errors, hint };
  return { kind: "run", command, run: prepared.run };
}

/** node:util parseArgs' errors, reworded to name the option and what the command takes. */
function argumentError(command: Command, error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  const optionName = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  const option = command.options.find((o) => `--${o.name}` === optionName);
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unknown option ${optionName} for "${command.name}". Its options are ${orList(command.options.map((o) => `--${o.name}`))}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (option) return `--${option.name} needs a value: ${lowerFirst(option.description)}.`;
      return `${optionName} does not take a value.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Unexpected argument "${quoted}". Every value follows its option, like --name "Skerne Park Primary School" (quote values with spaces).`;
    default:
      return message;
  }
}

/** Messages from a server function's ValidationError, each naming the option its field came from. */
function ruleErrors(command: Command, fieldErrors: Record<string, string[]>, formError: string | undefined): string[] {
  const lines = Object.entries(fieldErrors).flatMap(([field, messages]) => {
    const option = command.options.find((o) => o.field === field);
    if (field === "file") return messages; // file problems name their own line
    return messages.map((m) => (option ? `--${option.name}: ${m}.` : `${m}.`).replace(/\.\.$/, "."));
  });
  return formError ? [formError, ...lines] : lines;
}

async function main(argv: string[]): Promise<number> {
  const intent = interpret(argv);
  if (intent.kind === "help") {
    console.log(intent.text);
    return 0;
  }
  if (intent.kind === "usage") {
    console.error([...intent.errors.map((e) => `Error: ${e}`), "", intent.hint].join("\n"));
    return 2;
  }

  const database = await openDatabase({ reuseRunning: true });
  // lib/server/db.ts reads DATABASE_URL when first used, so it must be set before any lib/server module runs.
  process.env.DATABASE_URL = database.url;
  connections.ownerUrl = database.ownerUrl;
  const { ValidationError } = await import("../lib/server/errors");
  const { BackupError } = await import("./lib/backup");
  try {
    const result = await intent.run();
    const { output, exitCode } = typeof result === "string" ? { output: result, exitCode: 0 } : result;
    console.log(output);
    return exitCode;
  } catch (error) {
    if (error instanceof ValidationError) {
      console.error(
        ruleErrors(intent.command, error.fieldErrors, error.formError)
          .map((e) => `Error: ${e}`)
          .join("\n"),
      );
      return 1;
    }
    if (error instanceof BackupError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    const { db } = await import("../lib/server/db");
    const { closePgPool } = await import("../lib/server/pg");
    await db.$disconnect();
    await closePgPool();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
