-- wrk script for bench/web_load.sh: counts responses by HTTP status across threads and prints
-- latency percentiles, so 429s (rate limit, busy) can be told apart from real errors.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  io.write("-- mxray web load\n")
  for code, n in pairs(totals) do
    io.write(string.format("status %d: %d\n", code, n))
  end
  local e = summary.errors
  io.write(string.format("requests: %d in %.1f s (%.1f/s)\n", summary.requests, summary.duration / 1e6,
                         summary.requests / (summary.duration / 1e6)))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n", e.connect, e.read, e.write, e.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%g: %.1f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max: %.1f ms\n", latency.max / 1000))
end
