-- One page under load, as a logged-in user; bench/report.py sets the environment and reads the
-- BENCH_JSON line that done() prints.
--
--   BENCH_PATH    request path; "{pk}" is replaced by a policy id from BENCH_PKS
--   BENCH_PKS     comma-separated policy ids, rotated request by request (optional)
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODY    urlencoded form body for POST; "{pk}" as above, "{n}" by a value unique to
--                 the request (thread and counter), so a save can really change the text
--   BENCH_COOKIE  Cookie header (sessionid and csrftoken)
--   BENCH_CSRF    the CSRF token, sent as X-CSRFToken like the app's own fetch() calls
--   BENCH_EXPECT  the status every response must have (200, or 302 for a saved step)

local path_template = os.getenv("BENCH_PATH") or "/"
local method = os.getenv("BENCH_METHOD") or "GET"
local body_template = os.getenv("BENCH_BODY")
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")

local pks = {}
for pk in string.gmatch(os.getenv("BENCH_PKS") or "", "[^,]+") do
  table.insert(pks, pk)
end
if #pks == 0 then
  pks = { "" }
end

local headers = {}
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  headers["Cookie"] = cookie
end
local csrf = os.getenv("BENCH_CSRF")
if csrf and csrf ~= "" then
  headers["X-CSRFToken"] = csrf
end
if body_template and body_template ~= "" then
  headers["Content-Type"] = "application/x-www-form-urlencoded"
else
  body_template = nil
end

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

-- Per thread (each wrk thread has its own Lua state); done() collects them with thread:get.
counter = 0
unexpected = 0

function request()
  counter = counter + 1
  local pk = pks[(counter % #pks) + 1]
  local path = (path_template:gsub("{pk}", pk))
  local body = nil
  if body_template then
    local unique = tostring(thread_id) .. "-" .. tostring(counter)
    body = (body_template:gsub("{pk}", pk):gsub("{n}", unique))
  end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  if status ~= expect then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("unexpected") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "unexpected_status": %d, '
      .. '"socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, bad,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
