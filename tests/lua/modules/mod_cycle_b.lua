return "b saw " .. tostring(require("mod_cycle_a"))
