// Tests for BuildDocs.
