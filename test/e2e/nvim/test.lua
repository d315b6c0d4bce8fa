-- Neovim (0.7 API) as a second, independent LSP client of dist/server.js over stdio.
-- Run by scripts/e2e/run-nvim.ts:  nvim --headless --clean -c 'luafile test/e2e/nvim/test.lua'
-- with LLM_INFRA_LINT_SERVER (path of dist/server.js) and LLM_INFRA_LINT_WORKSPACE (a copy of examples/).
-- Prints one `ok - …` / `not ok - …` line per check on stdout and exits with :cquit 1 when any check failed.
-- In 0.7 a diagnostic's user_data.lsp holds only the extra fields (code, data): the full LSP diagnostic is rebuilt
-- before it is sent back in a code-action request.

local server = assert(os.getenv('LLM_INFRA_LINT_SERVER'), 'LLM_INFRA_LINT_SERVER is not set')
local root = assert(os.getenv('LLM_INFRA_LINT_WORKSPACE'), 'LLM_INFRA_LINT_WORKSPACE is not set')
local node = os.getenv('LLM_INFRA_LINT_NODE') or 'node'
local file = root .. '/chat-service/src/lib/llm.ts'

local passed, failed = 0, 0
local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end
local function check(name, cond, detail)
  if cond then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name .. (detail and ('\n    ' .. tostring(detail):gsub('\n', '\n    ')) or ''))
  end
  return cond
end

local function code_of(d)
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

local function ours(bufnr, rule)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'llm-infra-lint' and (rule == nil or code_of(d) == rule) then
      table.insert(list, d)
    end
  end
  return list
end

-- The LSP diagnostic the server sent, rebuilt from vim.diagnostic's form (ASCII file: byte columns = UTF-16 columns).
local function to_lsp(d)
  return {
    range = {
      start = { line = d.lnum, character = d.col },
      ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = code_of(d),
    data = d.user_data and d.user_data.lsp and d.user_data.lsp.data,
  }
end

local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not answers then
    return nil, err or 'no answer'
  end
  for _, answer in pairs(answers) do
    if answer.error then
      return nil, vim.inspect(answer.error)
    end
    return answer.result
  end
  return nil, 'no client answered'
end

local function find_line(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  return nil
end

local client_id
local exited = false

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  client_id = vim.lsp.start_client({
    name = 'llm-infra-lint',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    settings = { llmInfraLint = { enable = true, run = 'onType' } },
    on_exit = function()
      exited = true
    end,
  })
  check('the server starts', client_id ~= nil)
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics
  local got = vim.wait(30000, function()
    return #ours(bufnr, 'missing-timeout') > 0
  end, 50)
  local all = ours(bufnr)
  for _, d in ipairs(all) do
    out(string.format('    %d:%d %s %s', d.lnum + 1, d.col + 1, tostring(code_of(d)), d.message))
  end
  if not check('diagnostics are published (' .. #all .. ')', got and #all > 0) then
    return
  end
  local line = find_line(bufnr, 'export const openai = new OpenAI()')
  local timeout
  for _, d in ipairs(ours(bufnr, 'missing-timeout')) do
    if d.lnum == line then
      timeout = d
    end
  end
  check('missing-timeout on `new OpenAI()` (line ' .. tostring(line and line + 1) .. ', columns 27-33)',
    timeout ~= nil and timeout.col == 26 and timeout.end_col == 32 and timeout.severity == vim.diagnostic.severity.WARN,
    timeout and vim.inspect(to_lsp(timeout)) or 'none on that line')
  check('diagnostics carry the fix data for stateless code actions', timeout and timeout.user_data.lsp.data and timeout.user_data.lsp.data.ruleId == 'missing-timeout')
  if not timeout then
    return
  end

  -- Hover on the call
  local call_line, call_col = find_line(bufnr, 'openai.chat.completions.create')
  local hover, herr = request(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = call_line, character = call_col + #'openai.chat.completions.' + 1 },
  })
  local hover_text = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''
  for _, l in ipairs(vim.split(hover_text, '\n')) do
    if l:find('LLM call') or l:find('tokens') or l:find('1,000') then
      out('    hover: ' .. l)
    end
  end
  check('hover on the call shows the token and cost estimate', hover_text:find('LLM call') and hover_text:find('tokens'), herr or hover_text)

  -- Code action: the missing-timeout fix, applied
  local actions, aerr = request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = to_lsp(timeout).range,
    context = { diagnostics = { to_lsp(timeout) } },
  })
  local fix, disable
  for _, a in ipairs(actions or {}) do
    out('    action: ' .. a.title)
    if a.title:match('%(missing%-timeout%)$') then
      fix = a
    end
    if a.title == 'Disable missing-timeout for this line' then
      disable = a
    end
  end
  check('code actions offer the fix and "Disable missing-timeout for this line"', fix ~= nil and fix.edit ~= nil and disable ~= nil, aerr or vim.inspect(actions))
  if not fix then
    return
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  local fixed_line = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ''
  out('    line ' .. (line + 1) .. ' after the fix: ' .. fixed_line)
  check('the fix edits the buffer', fixed_line:find('new OpenAI({ timeout:', 1, true) ~= nil, fixed_line)
  local cleared = vim.wait(15000, function()
    for _, d in ipairs(ours(bufnr, 'missing-timeout')) do
      if d.lnum == line then
        return false
      end
    end
    return true
  end, 50)
  check('the missing-timeout diagnostic clears after the fix', cleared)

  -- Code action: "Disable hardcoded-model for this line"
  local model = ours(bufnr, 'hardcoded-model')[1]
  if check('hardcoded-model is reported', model ~= nil) then
    local acts = request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = to_lsp(model).range,
      context = { diagnostics = { to_lsp(model) } },
    })
    local dis
    for _, a in ipairs(acts or {}) do
      if a.title == 'Disable hardcoded-model for this line' then
        dis = a
      end
    end
    if check('"Disable hardcoded-model for this line" is offered', dis ~= nil and dis.edit ~= nil, vim.inspect(acts)) then
      vim.lsp.util.apply_workspace_edit(dis.edit, 'utf-16')
      local above = vim.api.nvim_buf_get_lines(bufnr, model.lnum, model.lnum + 1, false)[1] or ''
      check('the directive is inserted above the line', above:match('^%s*// llm%-infra%-lint%-disable%-next%-line hardcoded%-model$') ~= nil, above)
      check('hardcoded-model clears', vim.wait(15000, function()
        return #ours(bufnr, 'hardcoded-model') == 0
      end, 50))
    end
  end
end

local ok, err = pcall(run)
check('the test script ran to the end', ok, err)

if client_id then
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return exited
  end, 50)
  check('the server exits on shutdown', exited)
end
out(string.format('nvim: %d passed, %d failed', passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
