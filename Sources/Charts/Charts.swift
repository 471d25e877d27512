// Charts: see the module's README.md.
