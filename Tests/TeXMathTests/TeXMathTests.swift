// Tests for TeXMath.
