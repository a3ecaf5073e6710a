-- Headless check (check.sh): open a template, wait for Chartwright's diagnostics, print them.
package.path = os.getenv('CW_NVIM_DIR') .. '/?.lua;' .. package.path
require('chartwright')
vim.cmd('edit ' .. os.getenv('CW_FILE'))
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 200)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format('%d:%d %s\n', d.lnum + 1, d.col + 1, d.message))
end
io.stdout:write(ok and 'DIAGNOSTICS OK\n' or 'NO DIAGNOSTICS\n')
-- :cquit exits with status 1, so check.sh fails when no diagnostic arrived.
vim.cmd(ok and 'qa!' or 'cq!')
