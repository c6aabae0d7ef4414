-- The centre's built-in SLA policies (SPEC §3): the 2022-03-21 change of limits.
INSERT INTO sla_policies (effective_from, limits, urgent_days, signfor_hours, reopen_days, max_returns, max_extensions, max_extension_days, note, created_at)
VALUES
('2000-01-01', '{"咨询":5,"投诉":15,"举报":15,"求助":15,"建议":15,"表扬":15,"其他":15}', 1, 2, 5, 2, 2, 15, '内置默认：咨询5个工作日，其他类型15个工作日，紧急件1个工作日', CURRENT_TIMESTAMP),
('2022-03-21', '{"咨询":1.5,"投诉":9,"举报":9,"求助":9,"建议":9,"表扬":9,"其他":9}', 1, 2, 5, 2, 2, 15, '内置默认：2022年3月21日起咨询1.5个工作日，其他类型9个工作日，紧急件1个工作日', CURRENT_TIMESTAMP);
