-- Opens one C file in Neovim (0.7 or later), attaches the pyfpcast language
-- server and writes the diagnostics it publishes for that file as JSON
-- lines, then quits. Run headless:
--
--   nvim --headless --clean -u NONE -c 'luafile test/nvim/lsp_diagnostics.lua'
--
-- Environment:
--   PYFPCAST_SERVER_CMD  server command as a JSON array of strings
--   PYFPCAST_CASE_FILE   C file to open
--   PYFPCAST_OUTPUT      file that receives one JSON object per diagnostic
--   PYFPCAST_WAIT_MS     how long to wait for diagnostics (default 60000)
--
-- Exit status: 0 when diagnostics were published for the file, 1 when none
-- arrived in time, 2 on a missing variable or a Lua error.

local function fail(status, message)
  io.stderr:write('lsp_diagnostics.lua: ' .. message .. '\n')
  vim.cmd('cquit ' .. status)
end

local function required_env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    error('environment variable ' .. name .. ' is missing')
  end
  return value
end

local function diagnostic_record(diagnostic)
  local lsp_data = (diagnostic.user_data or {}).lsp or {}
  local related = lsp_data.relatedInformation or {}
  return {
    lnum = diagnostic.lnum,
    end_lnum = diagnostic.end_lnum,
    col = diagnostic.col,
    end_col = diagnostic.end_col,
    severity = diagnostic.severity,
    code = diagnostic.code or lsp_data.code,
    message = diagnostic.message,
    related_count = #related,
  }
end

local function main()
  local server_cmd = vim.fn.json_decode(required_env('PYFPCAST_SERVER_CMD'))
  local case_file = vim.fn.fnamemodify(required_env('PYFPCAST_CASE_FILE'), ':p')
  local output = required_env('PYFPCAST_OUTPUT')
  local wait_ms = tonumber(os.getenv('PYFPCAST_WAIT_MS') or '') or 60000

  vim.cmd('edit ' .. vim.fn.fnameescape(case_file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'c'

  local published = false
  local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']

  local client_id = vim.lsp.start_client({
    name = 'pyfpcast',
    cmd = server_cmd,
    root_dir = vim.fn.fnamemodify(case_file, ':h'),
    settings = { pyfpcast = { target = 'wasm32', strict = false } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        default_handler(err, result, ctx, config)
        if result ~= nil and vim.uri_to_bufnr(result.uri) == bufnr then
          published = true
        end
      end,
    },
  })
  if client_id == nil then
    error('vim.lsp.start_client failed for ' .. vim.fn.json_encode(server_cmd))
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local arrived = vim.wait(wait_ms, function()
    return published
  end, 50)

  local file = assert(io.open(output, 'w'))
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    file:write(vim.fn.json_encode(diagnostic_record(diagnostic)), '\n')
  end
  file:close()

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 50)

  if not arrived then
    fail(1, 'no diagnostics published for ' .. case_file .. ' within ' .. wait_ms .. ' ms')
    return
  end
  vim.cmd('qall!')
end

local ok, err = pcall(main)
if not ok then
  fail(2, tostring(err))
end
