// Site: see the module's README.md.
