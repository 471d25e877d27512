// Experiments: see the module's README.md.
