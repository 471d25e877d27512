// Numerics: see the module's README.md.
