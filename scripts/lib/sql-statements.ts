// Splits a migration file into its statements, for Citus (docs/decisions/071-citus.md): once tables are
// distributed, Citus sends a DDL command's text on to the workers, and a text holding several statements is
// refused there ("cannot insert multiple commands into a prepared statement"), so the runner sends one statement
// at a time. Understands what can hide a semicolon: -- and /* */ comments, 'strings' (with '' and E'\'' escapes),
// "identifiers" and $tag$ dollar-quoted bodies $tag$. Comments are kept with the statement that follows them.

export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (sql[i] === "*" && sql[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]!) && !/\w/.test(sql[i - 2] ?? "");
      i++;
      while (i < n) {
        if (escapes && sql[i] === "\\") i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      i = end === -1 ? n : end + 1;
    } else if (c === "$" && !/\w/.test(sql[i - 1] ?? "")) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ";") {
      push(statements, sql.slice(start, i + 1));
      start = ++i;
    } else i++;
  }
  push(statements, sql.slice(start));
  return statements;
}

function push(statements: string[], text: string) {
  const withoutComments = text.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
  if (withoutComments.replace(/;/g, "").trim() !== "") statements.push(text.trim());
}
