import "server-only";
import { db } from "../db";
import { ValidationError } from "../errors";

/** For the command line: the authority with a DfE LA code, or a validation error naming the field. */
export async function getAuthorityByCode(laCode: string, field = "authority") {
  const authority = await db.authority.findUnique({ where: { laCode } });
  if (!authority) throw new ValidationError({ [field]: [`There is no authority with code ${laCode}`] });
  return authority;
}
