// TeXMath: see the module's README.md.
