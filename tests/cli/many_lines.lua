-- Many lines of output, then a normal exit: all output must be flushed.
for i = 1, 5000 do print("line", i) end
return "ignored", "return", "values"
