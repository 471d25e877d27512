// Tests for Site.
