-- What a history summary shows of a completed review without reading its result: the findings
-- per severity ({"high": 2, ...}) and the files it covered ({"files_total": n, "file_names": [...]}),
-- both as JSON text, set with the completion. Reviews completed before this migration have none.
ALTER TABLE reviews ADD COLUMN severity_counts text, ADD COLUMN file_summary text;
