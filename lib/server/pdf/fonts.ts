import "server-only";
import fs from "node:fs";
import path from "node:path";

// Noto Sans (SIL Open Font License 1.1), from the pinned npm package @expo-google-fonts/noto-sans, which ships
// plain TrueType files that @pdf-lib/fontkit can embed and subset (ADR 014). Read once per process from
// node_modules beside the app, which `npm start`, the tests and the container all run from.
const DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans");
const FILES = {
  regular: path.join(DIR, "400Regular", "NotoSans_400Regular.ttf"),
  bold: path.join(DIR, "700Bold", "NotoSans_700Bold.ttf"),
} as const;

let cache: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** The regular and bold Noto Sans TrueType files. */
export function notoSans(): { regular: Uint8Array; bold: Uint8Array } {
  cache ??= {
    regular: new Uint8Array(fs.readFileSync(FILES.regular)),
    bold: new Uint8Array(fs.readFileSync(FILES.bold)),
  };
  return cache;
}
