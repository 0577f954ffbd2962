-- extra return values are ignored
return "first", "second"
