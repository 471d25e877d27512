// Tests for Markdown.
