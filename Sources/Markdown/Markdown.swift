// Markdown: see the module's README.md.
