-- wrk script for bench/serve-load.sh --cases: POST /v1/diagnose, alternating the two symptom documents
-- that bench/cases.lua's requests are diagnosed on (the case as opened, and the case after its step: a
-- failed disable_vpn_proxy in tried:). The service without --cases diagnoses exactly the documents the
-- case routes do, so the comparison shows what keeping them costs, apart from which documents they are.
local opened = '{"device": {"type": "mobile"}, "network": {"vpn_active": true}}'
local after_step = '{"device": {"type": "mobile"}, "network": {"vpn_active": true}, '
  .. '"tried": [{"fix": "disable_vpn_proxy", "result": "failed", "minutes": 3}]}'
local n = 0

request = function()
  n = n + 1
  local body = (n % 2 == 1) and opened or after_step
  return wrk.format("POST", "/v1/diagnose", { ["Content-Type"] = "application/json" }, body)
end
