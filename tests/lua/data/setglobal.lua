set_by_file = "in env"
