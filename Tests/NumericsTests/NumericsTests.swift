// Tests for Numerics.
