-- 生效日期 of knowledge-base articles (SPEC §5 valid-from): not searchable before it.
ALTER TABLE kb_articles ADD COLUMN valid_from TIMESTAMPTZ;
