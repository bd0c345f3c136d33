-- wrk script for bench/serve-load.sh --cases: every other request opens a case (POST /v1/cases, the
-- same sparse body as diagnose.lua), and the one after it records a step on a case just opened
-- (POST /v1/cases/{id}/steps, a fix attempt that failed): one case opened and one step recorded per two
-- requests, each diagnosed with its questions ranked, as the agent page and a support tool do.
local open_body = '{"device": {"type": "mobile"}, "network": {"vpn_active": true}}'
local step_body = '{"kind": "fix", "fix": "disable_vpn_proxy", "result": "failed", "minutes": 3}'
local opened = {}

request = function()
  local id = table.remove(opened)
  if id then
    return wrk.format("POST", "/v1/cases/" .. id .. "/steps", { ["Content-Type"] = "application/json" }, step_body)
  end
  return wrk.format("POST", "/v1/cases", { ["Content-Type"] = "application/json" }, open_body)
end

response = function(status, headers, body)
  if status == 201 and not body:find('"step":', 1, true) then
    local id = body:match('"case":{"id":"([0-9a-z]+)"')
    if id then table.insert(opened, id) end
  end
end
