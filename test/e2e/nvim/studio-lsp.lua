-- Studio Token Lens in Neovim 0.7 or later: diagnostics, quick fixes, hovers, go to definition, completion,
-- rename and formatting for NICE CXone Studio scripts (*.snippet, *.studio and Studio XML exports).
-- Save as ~/.config/nvim/plugin/studio-lsp.lua. It runs `studio-lsp --stdio`
-- (`npm install -g studio-token-lens`); to run it another way, set
-- vim.g.studio_lsp_cmd = { 'node', '/path/to/server/out/server.js', '--stdio' } before this file loads.
local group = vim.api.nvim_create_augroup('studio_token_lens', { clear = true })

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { group = group, pattern = '*.snippet', command = 'setfiletype cxone-snippet' })
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { group = group, pattern = '*.studio', command = 'setfiletype cxone-studio' })

local client_id -- Neovim 0.7 only: one client for every buffer
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  -- The server decides from the root element whether an XML file is a Studio export and ignores the rest.
  pattern = { 'cxone-snippet', 'cxone-studio', 'xml' },
  callback = function(args)
    local config = {
      name = 'studio-token-lens',
      cmd = vim.g.studio_lsp_cmd or { 'studio-lsp', '--stdio' },
      root_dir = vim.fn.getcwd(),
      -- Answers the server's workspace/configuration requests; the keys are the VS Code settings'.
      settings = { studioTokenLens = { bufferSeconds = 300 } },
    }
    if vim.lsp.start then -- Neovim 0.8 and later reuse a running client by name and root
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
      client_id = vim.lsp.start_client(config)
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
