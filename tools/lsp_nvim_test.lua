-- lsp_nvim_test.lua - racecheck lsp driven by Neovim's built-in LSP client
-- (headless; the API of Debian 12's Neovim 0.7: vim.lsp.start_client and
-- buf_attach_client). Run by tools/lsp_nvim_test.sh, which copies the test
-- projects to a temporary folder and sets:
--   RACECHECK  the racecheck binary
--   LSP_ROOT   a copy of testdata/lsp/counter (one race on 'counter')
--   LSP_DEMO   a copy of testdata/demo (three races in pool.c and stats.c)
--
-- counter:  open the racy file, wait for the diagnostic, check its range,
--           message, code, codeDescription and related locations; hover on
--           the variable; apply the suppression code action, save: the
--           diagnostic goes; undo, save: it is back; replace the file by the
--           fixed version, save: it goes; stop the client (shutdown + exit,
--           status 0).
-- demo:     after the first analysis, opening pool.c and stats.c shows their
--           findings (three in all) within 1 s of the didOpen.
-- Exits 0 when every check passed (cquit 1 at the first failure).

local racecheck = assert(os.getenv('RACECHECK'), 'RACECHECK')
local root = assert(os.getenv('LSP_ROOT'), 'LSP_ROOT')
local demo = assert(os.getenv('LSP_DEMO'), 'LSP_DEMO')
local timeout = tonumber(os.getenv('LSP_TEST_TIMEOUT') or '120') * 1000

local function say(msg)
  io.stderr:write(msg .. '\n')
end

local function fail(msg)
  say('FAIL ' .. msg)
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then fail(msg) end
  say('ok   ' .. msg)
end

local function start(dir, name)
  local exit = {}
  local id = vim.lsp.start_client({
    name = name,
    cmd = { racecheck, 'lsp' },
    root_dir = dir,
    on_exit = function(code, signal) exit.code, exit.signal = code, signal end,
  })
  check(id ~= nil, name .. ': the client started')
  return id, exit
end

-- The diagnostics of buf from racecheck.
local function diags(buf)
  return vim.tbl_filter(function(d) return d.source == 'racecheck' end, vim.diagnostic.get(buf))
end

-- Has every run of the client finished (a progress token done, none open)?
local function analysed(id, runs)
  local client = vim.lsp.get_client_by_id(id)
  if not client then return false end
  local done, open = 0, 0
  for _, p in pairs(client.messages.progress) do
    if p.done then done = done + 1 else open = open + 1 end
  end
  return done >= runs and open == 0
end

local function request(buf, method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, timeout)
  check(res ~= nil, method .. ' answered')
  for _, r in pairs(res) do
    check(r.error == nil, method .. ' without error')
    return r.result
  end
end

local function lines_of(path)
  local t = {}
  for l in io.lines(path) do t[#t + 1] = l end
  return t
end

-- ---- counter -------------------------------------------------------------------

local id, exit = start(root, 'racecheck')
local src = root .. '/counter.c'
vim.cmd('edit ' .. vim.fn.fnameescape(src))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)

check(vim.wait(timeout, function() return #diags(buf) > 0 end, 20), 'counter.c: a diagnostic arrives')
local ds = diags(buf)
check(#ds == 1, 'counter.c: one diagnostic')
local d = ds[0 + 1]
local text = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local line
for i, l in ipairs(text) do
  if l:find('counter++;', 1, true) then line = i - 1 break end
end
local col = text[line + 1]:find('counter', 1, true) - 1
check(d.lnum == line and d.col == col and d.end_lnum == line and d.end_col == col + #'counter',
  ('range %d:%d-%d:%d is counter++ at %d:%d'):format(d.lnum, d.col, d.end_lnum, d.end_col, line, col))
check(d.message:find("^data race on 'counter'") ~= nil, 'message: ' .. d.message:gsub('\n.*', ''))
check(d.severity == vim.diagnostic.severity.ERROR, 'severity error')
local lsp = d.user_data and d.user_data.lsp or {}
check((d.code or lsp.code) == 'data-race', 'code data-race')
local href = lsp.codeDescription and lsp.codeDescription.href or ''
check(href:match('^file://.*/data%-race%.md$') ~= nil and vim.fn.filereadable(vim.uri_to_fname(href)) == 1,
  'codeDescription links the rule page: ' .. href)
local related = lsp.relatedInformation or {}
local seen = {}
for _, r in ipairs(related) do
  local fname = vim.uri_to_fname(r.location.uri)
  check(fname == src, 'related location in counter.c: ' .. fname)
  if r.message:find('^write in worker%(%), thread worker %(spawned at counter%.c:') then seen.write = true end
  if r.message:find('^read in report%(%), thread main, no lock held') then
    seen.read = r.location.range.start.line
  end
  if r.message:find('^thread worker spawned here %(many instances%)') then seen.spawn = r.location.range.start.line end
end
check(seen.write, 'related: the write in worker')
local report_line
for i, l in ipairs(text) do
  if l:find('long now = counter;', 1, true) then report_line = i - 1 end
end
check(seen.read == report_line, 'related: the read in report() at its line')
check(seen.spawn ~= nil and text[seen.spawn + 1]:find('pthread_create', 1, true) ~= nil, 'related: the spawn site')

-- hover on the variable
local hover = request(buf, 'textDocument/hover',
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col + 1 } })
local value = hover and hover.contents and hover.contents.value or ''
check(value:find('shared by 2 threads', 1, true) ~= nil, 'hover: the ownership summary')
check(value:find('**written** (mutable borrow) by thread `worker', 1, true) ~= nil, 'hover: the writes')
check(value:find('read (shared borrow) by thread `main`, no lock held', 1, true) ~= nil, 'hover: the read')

-- the suppression code action, applied and saved
local actions = request(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = line, character = col }, ['end'] = { line = line, character = col } },
  context = { diagnostics = { lsp } },
})
local suppress
for _, a in ipairs(actions or {}) do
  if a.title:find("^Suppress data%-race on 'counter' here") then suppress = a end
end
check(suppress ~= nil, 'code action: suppress here')
vim.lsp.util.apply_workspace_edit(suppress.edit, 'utf-16')
check(vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:find(
  '^    // racecheck%-ignore%[data%-race%]: TODO: say why this race is acceptable$') ~= nil,
  'the comment is inserted above the access')
vim.cmd('silent write')
check(vim.wait(timeout, function() return #diags(buf) == 0 end, 20), 'suppressed and saved: the diagnostic goes')
vim.cmd('silent undo')
vim.cmd('silent write')
check(vim.wait(timeout, function() return #diags(buf) == 1 end, 20), 'undone and saved: the diagnostic is back')

-- the fixed version, saved
vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines_of(root .. '/counter_fixed.c.txt'))
vim.cmd('silent write')
check(vim.wait(timeout, function() return analysed(id, 4) and #diags(buf) == 0 end, 20),
  'fixed and saved: the diagnostic goes')

vim.lsp.stop_client(id)
check(vim.wait(timeout, function() return exit.code ~= nil end, 20), 'the server exits when the client stops')
check(exit.code == 0, 'exit status 0 after shutdown and exit (got ' .. tostring(exit.code) .. ')')

-- ---- demo: three findings, each file's within 1 s of opening it ----------------------

local did, dexit = start(demo, 'racecheck-demo')
local main = demo .. '/main.c'
vim.cmd('edit ' .. vim.fn.fnameescape(main))
vim.lsp.buf_attach_client(vim.api.nvim_get_current_buf(), did)
check(vim.wait(timeout, function() return analysed(did, 1) end, 20), 'demo: the first analysis ends')
local total = 0
for _, f in ipairs({ 'pool.c', 'stats.c' }) do
  vim.cmd('edit ' .. vim.fn.fnameescape(demo .. '/' .. f))
  local b = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(b, did)
  check(vim.wait(1000, function() return #diags(b) > 0 end, 10), 'demo: ' .. f .. ' has its findings within 1 s')
  total = total + #diags(b)
end
check(total == 3, 'demo: three findings (got ' .. total .. ')')
vim.lsp.stop_client(did)
check(vim.wait(timeout, function() return dexit.code ~= nil end, 20) and dexit.code == 0, 'demo: the server exits (status 0)')
say('all Neovim LSP checks passed')
vim.cmd('qall!')
