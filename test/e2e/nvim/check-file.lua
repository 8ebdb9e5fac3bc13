-- Test driver for test/protocol/neovim.test.ts (not part of the user config): waits for the
-- server's diagnostics of the current buffer, optionally asks for a hover, a definition and completions, writes what Neovim saw
-- as JSON to $STL_NVIM_OUT and quits. Deadlines via vim.wait, no sleeps.
local out = assert(vim.env.STL_NVIM_OUT, 'STL_NVIM_OUT is not set')
local deadline = tonumber(vim.env.STL_NVIM_DEADLINE_MS or '15000')
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
local result = { filetype = vim.bo[bufnr].filetype, published = false, diagnostics = {}, errors = {} }
local wait_for_publish = vim.env.STL_NVIM_WAIT_FOR_PUBLISH ~= '0'

-- Keep the server's last publication for this buffer as sent (UTF-16 ranges; an empty one means
-- "nothing found"), then let Neovim's own handler show it.
local lsp_diagnostics = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri == uri then
    result.published = true
    lsp_diagnostics = params.diagnostics
  end
  return publish(err, params, ctx, config)
end

local function write_and_quit()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  result.attached = vim.wait(deadline, function()
    return #vim.lsp.buf_get_clients(bufnr) > 0
  end, 10)
  if wait_for_publish then
    vim.wait(deadline, function()
      return result.published
    end, 10)
  end
  result.shown = #vim.diagnostic.get(bufnr) -- what Neovim displays
  for _, d in ipairs(lsp_diagnostics) do
    table.insert(result.diagnostics, {
      line = d.range.start.line,
      character = d.range.start.character,
      end_line = d.range['end'].line,
      end_character = d.range['end'].character,
      severity = d.severity,
      code = d.code,
      message = d.message,
      source = d.source,
    })
  end
  local line = tonumber(vim.env.STL_NVIM_HOVER_LINE or '')
  local character = tonumber(vim.env.STL_NVIM_HOVER_CHARACTER or '')
  if line and character then
    local params = { textDocument = { uri = uri }, position = { line = line, character = character } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, deadline) or {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if type(contents) == 'table' then
        result.hover = contents.value or vim.fn.json_encode(contents)
      end
      if response.err then
        table.insert(result.errors, vim.fn.json_encode(response.err))
      end
    end
  end
  -- Optional: go to definition and completion at given positions (0-based line, UTF-16 character).
  local function position_from(prefix)
    local l = tonumber(vim.env['STL_NVIM_' .. prefix .. '_LINE'] or '')
    local c = tonumber(vim.env['STL_NVIM_' .. prefix .. '_CHARACTER'] or '')
    if l and c then
      return { textDocument = { uri = uri }, position = { line = l, character = c } }
    end
  end
  local definition_params = position_from('DEFINITION')
  if definition_params then
    result.definition = {}
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', definition_params, deadline) or {}
    for _, response in pairs(responses) do
      for _, location in ipairs(response.result or {}) do
        table.insert(result.definition, {
          uri = location.uri,
          line = location.range.start.line,
          character = location.range.start.character,
          end_line = location.range['end'].line,
          end_character = location.range['end'].character,
        })
      end
      if response.err then
        table.insert(result.errors, vim.fn.json_encode(response.err))
      end
    end
  end
  local completion_params = position_from('COMPLETION')
  if completion_params then
    result.completion = {}
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', completion_params, deadline) or {}
    for _, response in pairs(responses) do
      local items = response.result or {}
      if items.items then
        items = items.items
      end
      for _, item in ipairs(items) do
        table.insert(result.completion, item.label)
      end
      if response.err then
        table.insert(result.errors, vim.fn.json_encode(response.err))
      end
    end
  end
end)
if not ok then
  table.insert(result.errors, tostring(err))
end
write_and_quit()
