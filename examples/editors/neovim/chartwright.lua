-- Chartwright for Neovim (0.7 or later): put this file in your config (e.g. ~/.config/nvim/lua/)
-- and `require('chartwright')` from init.lua, with `chartwright` on your PATH
-- (npm install -g chartwright-<version>.tgz). Any file under a folder holding a Chart.yaml is
-- attached: templates, values files, Chart.yaml itself.
local M = {}

local function chart_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local found = vim.fn.findfile('Chart.yaml', dir .. ';')
  if found == '' then return nil end
  return vim.fn.fnamemodify(found, ':p:h')
end

function M.attach(buf)
  local path = vim.api.nvim_buf_get_name(buf)
  local root = chart_root(path)
  if root == nil then return end
  local config = {
    name = 'chartwright',
    cmd = { 'chartwright', 'language-server', '--stdio' },
    root_dir = root,
    -- The settings of the VS Code extension, under the same names (see the README).
    settings = { chartwright = { helmVersion = '4' } },
  }
  if vim.lsp.start ~= nil then -- Neovim 0.8+
    vim.lsp.start(config, { bufnr = buf })
  else -- Neovim 0.7: one client per chart root
    M.clients = M.clients or {}
    local id = M.clients[root]
    if id == nil then
      id = vim.lsp.start_client(config)
      M.clients[root] = id
    end
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*/templates/*.yaml', '*/templates/*.yml', '*/templates/*.tpl', '*/templates/*.txt',
              '*/values*.yaml', '*/Chart.yaml' },
  callback = function(args) M.attach(args.buf) end,
})

return M
