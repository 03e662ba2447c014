import "server-only";
import type { SubjectAccessArchive } from "./build-subject-access-archive";

/** A subject access archive as a download: never cached, named for the subject. */
export function zipResponse(archive: SubjectAccessArchive): Response {
  return new Response(Buffer.from(archive.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${archive.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
