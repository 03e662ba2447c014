// Times of day as people type them and as they are stored ("HH:MM", 24-hour clock, a wall-clock time in England on
// its day): a task's time, a hearing's time.

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether `value` is a stored time of day ("09:30", "14:05"). */
export function isTimeOfDay(value: string): boolean {
  return HHMM.test(value);
}

/**
 * Reads a time as people type it: "9:30", "09.30", "0930", "14:05", "2pm", "2:30 pm", "12 noon". Returns the
 * stored form ("HH:MM"), or null when it is not a time of day. A bare "9" is ambiguous (9am or 9pm?) and refused;
 * "14" can only be 2pm.
 */
export function parseTimeOfDay(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "noon" || text === "12 noon" || text === "midday") return "12:00";
  if (text === "midnight") return "00:00";
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))? ?(am|pm)?$/.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3];
  if (minutes > 59) return null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    if (half === "am" && hours === 12) hours = 0;
    if (half === "pm" && hours !== 12) hours += 12;
  } else if (m[2] === undefined && hours <= 12) {
    return null;
  }
  if (hours > 23) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** "09:30" → "9:30am"; "14:00" → "2pm"; "12:00" → "12 noon" (GOV.UK style). */
export function formatTimeOfDay(time: string): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  if (h === 12 && m === 0) return "12 noon";
  if (h === 0 && m === 0) return "midnight";
  const suffix = h < 12 ? "am" : "pm";
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour12}${suffix}` : `${hour12}:${String(m).padStart(2, "0")}${suffix}`;
}
