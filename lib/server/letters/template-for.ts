import "server-only";
import { DEFAULT_FIGURES_WEEKS } from "@/lib/domain/letter-facts";
import { DEFAULT_TEMPLATES, type LetterKind } from "@/lib/domain/letters";
import type { Db, Tx } from "../db";

export type EffectiveTemplate = {
  kind: LetterKind;
  subject: string;
  body: string;
  /** The school weeks before the letter that an invitation or warning quotes. */
  figuresWeeks: number;
  customised: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
};

/** The template an authority uses for a kind: its own row, or the built-in default when it has none. */
export async function templateFor(client: Db | Tx, authorityId: string, kind: LetterKind): Promise<EffectiveTemplate> {
  const row = await client.letterTemplate.findUnique({ where: { authorityId_kind: { authorityId, kind } } });
  if (row)
    return {
      kind,
      subject: row.subject,
      body: row.body,
      figuresWeeks: row.figuresWeeks,
      customised: true,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  return {
    kind,
    ...DEFAULT_TEMPLATES[kind],
    figuresWeeks: DEFAULT_FIGURES_WEEKS,
    customised: false,
    updatedAt: null,
    updatedBy: null,
  };
}
