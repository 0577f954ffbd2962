-- returns false: stored, but require loads it again next time
mod_false_loads = (mod_false_loads or 0) + 1
return false
