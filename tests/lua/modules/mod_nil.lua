-- returns nothing: require gives true
mod_nil_ran = true
