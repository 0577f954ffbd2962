-- a cycle: mod_cycle_b requires us while we are loading
package.loaded["mod_cycle_a"] = "partial a"
local b = require("mod_cycle_b")
return "a saw " .. b
