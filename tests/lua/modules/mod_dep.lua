-- requires another module
local a = require("mod_a")
return { a = a, twice = a.value * 2 }
