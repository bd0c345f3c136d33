-- wrk script for bench/serve-load.sh: POST one symptom document (JSON) to /v1/diagnose, as a tool does,
-- with an API token when BENCH_TOKEN holds one.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY") or '{"device": {"type": "mobile"}, "network": {"vpn_active": true}}'
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
