-- Pupil weeks laid out week by week (issue 14 §2; ADR 083). A first load now writes attendance_pupil_week week by
-- week (every pupil's first week, then the second, …), as a school's daily files do (a week's rows are inserted on
-- its Monday), so a day's update of the current week touches that week's pages only: at Kent's size about 4,000
-- instead of all 88,889. But every row on those pages is then updated in the same transaction, and an update is
-- heap-only (HOT: no index entry, the page's own free space) only while the page can hold the new version beside
-- the old one: with a tenth of each page free (20261207080000) most of the week's updates were not HOT, so they
-- wrote as many pages elsewhere and an index entry each (measured at 60,000 pupils: 19,115 pages dirtied against
-- 22,224 pupil by pupil). So pages are filled to 45% (room for each row twice): the table doubles in size (at Kent
-- from about 0.7 to 1.4 GB). Pages written before keep their fill until the table is rewritten.
ALTER TABLE attendance_pupil_week SET (fillfactor = 45);
