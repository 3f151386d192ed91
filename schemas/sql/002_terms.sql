-- ipledger schema version 2 (exchange format v1.1): the ends of a right's term.
--   patents.term_extension_days   patent term compensation granted (专利权期限补偿), in days,
--                                 added to the statutory term (20/10/15 years from filing)
--   trademarks.expiry_date        the last day of the registered term (专用期结束日期); a
--                                 renewal moves it
-- The <entity>_current views and <entity>_at macros select every column, so they carry the
-- new ones without being recreated.

ALTER TABLE patents ADD COLUMN term_extension_days INTEGER;
ALTER TABLE trademarks ADD COLUMN expiry_date DATE;
