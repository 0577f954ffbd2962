local M = {name = "module"}
function M.add(a, b) return a + b end
function M.greet(who) return "hello, " .. who end
return M
