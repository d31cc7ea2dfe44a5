"""The `zhcorpus` command: one thin module a subcommand."""
