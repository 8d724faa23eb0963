-- wrk script: rotate through the request paths listed in a file, so caches do not flatter the numbers,
-- and print one JSON line with throughput and latency percentiles when the run is done.
--
--   wrk -s bench/rotate.lua <url> -- <paths-file>
--
-- Each wrk thread starts at a different offset of the list. Every request carries
-- X-Forwarded-Proto: https so the site behaves as it does behind its TLS proxy.

local paths = {}
local position = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open paths file " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. args[1])
  -- Spread the threads over the list; math.random is seeded per thread by wrk.
  position = math.random(#paths) - 1
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position], { ["X-Forwarded-Proto"] = "https" })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
