-- A day's register file updates one row per pupil in attendance_pupil_week (the current week) and in
-- attendance_pupil_year. Packed full, each update wrote the row's new version on another page and a new entry in
-- every index of the table (measured: no HOT update at all in pupil weeks). With half of each page left free, the new
-- version stays on its page (a HOT update: no index entry), and the pages a day's file dirties fall from one per pupil
-- to a few hundred (ADR 050, 7 December addendum). Pages written from now on keep the room; pages already full get it
-- as vacuum frees their old versions.
ALTER TABLE attendance_pupil_week SET (fillfactor = 50);
ALTER TABLE attendance_pupil_year SET (fillfactor = 50);
